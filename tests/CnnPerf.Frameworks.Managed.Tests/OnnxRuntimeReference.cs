using CnnPerf.Backends;
using Microsoft.ML.OnnxRuntime;
using Tensor = CnnPerf.Backends.Tensor;

namespace CnnPerf.Frameworks.Managed.Tests;

/// <summary>Reference outputs from ONNX Runtime with every graph optimisation off.</summary>
internal static class OnnxRuntimeReference
{
    public static float[] Run(string modelPath, Tensor input)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(modelPath, options);
        var name = session.InputMetadata.Keys.First();
        var tensor = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(input.Data, input.Shape.ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(name, tensor)]);
        return results.First().AsEnumerable<float>().ToArray();
    }
}
