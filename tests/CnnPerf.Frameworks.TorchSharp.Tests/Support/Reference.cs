using CnnPerf.Backends;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Models;
using CnnPerf.Verification;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Support;

/// <summary>Agreement with ONNX Runtime, measured as <c>cnnperf verify</c> measures it.</summary>
internal static class Reference
{
    /// <summary>The largest absolute difference divided by the largest reference magnitude.</summary>
    public static double MaxRelativeDifference(float[] reference, float[] actual) => OutputComparison.Compare(reference, actual).MaxRelDiff;

    /// <summary>Runs the model on torchsharp and on ONNX Runtime with the same seeded input; returns max_rel_diff.</summary>
    public static double CompareWithOnnxRuntime(ModelSource model, int threads = 1)
    {
        var report = BackendVerifier.Verify(model, new OnnxRuntimeBackend(), [new TorchSharpBackend()], new BackendOptions(threads), inputCount: 1);
        var result = report.Results.Single();
        Assert.That(result.Error, Is.Null, "torchsharp failed");
        return result.MaxRelDiff;
    }
}
