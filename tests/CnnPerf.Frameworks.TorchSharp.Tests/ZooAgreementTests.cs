using CnnPerf.Frameworks.TorchSharp.Tests.Support;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.TorchSharp.Tests;

/// <summary>Every network of the model zoo, and the pretrained resnet18_cntk, computes the same outputs on torchsharp as on ONNX Runtime.</summary>
[Category("Slow")]
internal sealed class ZooAgreementTests : TorchSharpFixture
{
    private static readonly ModelZoo Zoo = new();

    private static IEnumerable<string> ZooModels => ModelZoo.Models.Select(m => m.Name);

    [TestCaseSource(nameof(ZooModels))]
    public void Agrees_with_onnxruntime(string name)
    {
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

        var maxRelDiff = Reference.CompareWithOnnxRuntime(model, threads: 2);

        TestContext.Out.WriteLine($"{name}: max_rel_diff={maxRelDiff:G3}");
        Assert.That(maxRelDiff, Is.LessThanOrEqualTo(1e-4));
    }
}
