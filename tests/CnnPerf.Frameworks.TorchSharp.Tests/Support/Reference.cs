using CnnPerf.Backends;
using CnnPerf.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = CnnPerf.Backends.Tensor;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Support;

/// <summary>Reference outputs from ONNX Runtime and the agreement measure of <c>cnnperf verify</c>.</summary>
internal static class Reference
{
    /// <summary>Runs the model once on ONNX Runtime (CPU, one thread, graph optimisations off).</summary>
    public static float[] Run(ModelSource model, Tensor input)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(model.Path, options);
        var inputName = session.InputMetadata.Keys.Single();
        var tensor = new DenseTensor<float>(input.Data, input.Shape.ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        return [.. results[0].AsEnumerable<float>()];
    }

    /// <summary>The largest absolute difference divided by the largest reference magnitude.</summary>
    public static double MaxRelativeDifference(float[] reference, float[] actual)
    {
        Assert.That(actual, Has.Length.EqualTo(reference.Length), "output sizes differ");
        double maxDiff = 0, maxRef = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs((double)reference[i] - actual[i]));
            maxRef = Math.Max(maxRef, Math.Abs((double)reference[i]));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }

    /// <summary>Runs the model on the torchsharp backend and on ONNX Runtime with the same seeded input; returns max_rel_diff.</summary>
    public static double CompareWithOnnxRuntime(ModelSource model, int threads = 1, int seed = 42)
    {
        var backend = new TorchSharpBackend();
        using var session = backend.Load(model, new BackendOptions(threads));
        var input = Tensor.Random(session.InputShape, seed);
        var output = new Tensor(session.OutputShape);
        session.Run(input, output);
        var expected = Run(model, input);
        return MaxRelativeDifference(expected, output.Data);
    }
}
