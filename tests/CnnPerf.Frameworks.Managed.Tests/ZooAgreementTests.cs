using CnnPerf.Backends;
using CnnPerf.Models;
using CnnPerf.Verification;

namespace CnnPerf.Frameworks.Managed.Tests;

/// <summary>Every zoo network and the pretrained CNTK ResNet-18 give ONNX Runtime's outputs with every convolution technique.</summary>
[Category("Slow")]
public sealed class ZooAgreementTests
{
    private static readonly ModelZoo Zoo = new();
    private static readonly Dictionary<string, (Tensor Input, float[] Output)> References = [];

    private static IEnumerable<TestCaseData> Cases =>
        from model in ModelZoo.Models
        from technique in Enum.GetValues<ConvolutionTechnique>()
        select new TestCaseData(model.Name, ManagedSettings.Format(technique));

    [TestCaseSource(nameof(Cases))]
    public void AgreesWithOnnxRuntime(string name, string technique)
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
        var backend = new ManagedBackend();
        var options = new BackendOptions(2, new Dictionary<string, string> { [ManagedSettings.ConvolutionSetting] = technique });
        Assert.That(backend.Validate(model, options), Is.Empty);
        using var session = backend.LoadSession(model, options);
        var (input, reference) = Reference(model, session.InputShape);
        var output = new Tensor(session.OutputShape);
        session.Run(input, output);

        var comparison = OutputComparison.Compare(reference, output.Data);
        TestContext.Out.WriteLine($"{name} conv={technique}: max_rel_diff {comparison.MaxRelDiff:E2}; techniques used: "
            + string.Join(", ", session.Layers.Where(l => l.Technique is not null).GroupBy(l => l.Technique).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.That(comparison.MaxRelDiff, Is.LessThanOrEqualTo(BackendVerifier.DefaultTolerance));
    }

    private static (Tensor, float[]) Reference(ModelSource model, TensorShape shape)
    {
        lock (References)
        {
            if (!References.TryGetValue(model.Name, out var reference))
            {
                var input = Tensor.Random(shape, 11);
                References[model.Name] = reference = (input, OnnxRuntimeReference.Run(model.Path, input));
            }
            return reference;
        }
    }
}
