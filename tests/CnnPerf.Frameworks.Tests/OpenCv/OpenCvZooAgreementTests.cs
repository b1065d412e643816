using CnnPerf.Backends;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Frameworks.OpenCv;
using CnnPerf.Models;
using CnnPerf.Verification;

namespace CnnPerf.Frameworks.Tests.OpenCv;

/// <summary>Every network of the model zoo computes the same logits on OpenCV DNN as on ONNX Runtime.</summary>
[Category("Slow")]
public sealed class OpenCvZooAgreementTests
{
    private static readonly ModelZoo Zoo = new();

    private static IEnumerable<string> ZooModels => ModelZoo.Models.Select(m => m.Name);

    [TestCaseSource(nameof(ZooModels))]
    public void AgreesWithOnnxRuntime(string name)
    {
        var openCv = new OpenCvBackend();
        Assume.That(openCv.Availability.IsAvailable, Is.True, $"OpenCV is unavailable here: {openCv.Availability.Reason}");
        ModelSource model;
        try
        {
            model = Zoo.Get(name);
        }
        catch (CnnPerfException e) when (name == ModelZoo.PretrainedResNet18)
        {
            Assert.Ignore(e.Message);
            return;
        }

        var report = BackendVerifier.Verify(model, new OnnxRuntimeBackend(), [openCv], new BackendOptions(2), inputCount: 1);

        var result = report.Results.Single();
        TestContext.Out.WriteLine($"{name}: max_abs_diff={result.MaxAbsDiff:G3} max_rel_diff={result.MaxRelDiff:G3}");
        Assert.That(result.Error, Is.Null);
        Assert.That(result.MaxRelDiff, Is.LessThanOrEqualTo(BackendVerifier.DefaultTolerance));
        Assert.That(result.Ok, Is.True);
    }
}
