using CnnPerf.Backends;
using Microsoft.ML.OnnxRuntime;
using Tensor = CnnPerf.Backends.Tensor;

namespace CnnPerf.Frameworks.Managed.Tests;

/// <summary>Reference outputs from ONNX Runtime, and the agreement measure the project uses.</summary>
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

    /// <summary>max |a - b| divided by the largest |reference| value.</summary>
    public static double MaxRelativeDifference(float[] actual, float[] reference)
    {
        Assert.That(actual, Has.Length.EqualTo(reference.Length));
        double maxDiff = 0, maxRef = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs((double)actual[i] - reference[i]));
            maxRef = Math.Max(maxRef, Math.Abs((double)reference[i]));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }
}
