using CnnPerf.Backends;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Support;

/// <summary>Base of the tests that run models: a temporary folder for generated models, and a skip when libtorch cannot load.</summary>
internal abstract class TorchSharpFixture
{
    protected string Folder { get; private set; } = "";

    protected TorchSharpBackend Backend { get; } = new();

    [OneTimeSetUp]
    public void CreateFolder()
    {
        Folder = Directory.CreateTempSubdirectory("cnnperf-torchsharp-").FullName;
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(Folder, recursive: true);

    [SetUp]
    public void RequireBackend() =>
        Assume.That(Backend.Availability.IsAvailable, Is.True, $"torchsharp unavailable here: {Backend.Availability.Reason}");

    /// <summary>Asserts that the graph gives the same output on torchsharp as on ONNX Runtime (max_rel_diff at most 1e-5).</summary>
    protected void AssertAgreesWithOnnxRuntime(TinyGraph graph, string name, int[] expectedOutputShape)
    {
        var model = graph.Save(Folder, name);
        using (var session = Backend.Load(model, BackendOptions.Default))
        {
            Assert.That(session.OutputShape, Is.EqualTo(new TensorShape(expectedOutputShape)), "output shape");
        }
        Assert.That(Reference.CompareWithOnnxRuntime(model), Is.LessThanOrEqualTo(1e-5), "max_rel_diff against ONNX Runtime");
    }
}
