using CnnPerf.Backends;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.Managed.Tests;

public sealed class ManagedBackendTests
{
    private static readonly Dictionary<string, float[]> References = [];

    [TestCase("auto"), TestCase("direct"), TestCase("im2col"), TestCase("depthwise"), TestCase("winograd")]
    public void ResNet18CntkAgreesWithOnnxRuntime(string technique)
    {
        var path = TestModels.ResNet18Cntk;
        var backend = new ManagedBackend();
        var options = new BackendOptions(2, new Dictionary<string, string> { ["conv"] = technique });
        using var session = backend.LoadSession(ModelSource.FromOnnxFile(path), options);
        var input = Tensor.Random(session.InputShape, 7);
        var output = new Tensor(session.OutputShape);
        session.Run(input, output);
        float[] reference;
        lock (References)
        {
            if (!References.TryGetValue(path, out reference!))
            {
                References[path] = reference = OnnxRuntimeReference.Run(path, input);
            }
        }
        var diff = OnnxRuntimeReference.MaxRelativeDifference(output.Data, reference);
        TestContext.Out.WriteLine($"{technique}: max_rel_diff {diff:E2}");
        Assert.That(diff, Is.LessThanOrEqualTo(1e-4));
    }
}
