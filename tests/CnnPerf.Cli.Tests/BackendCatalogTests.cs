using CnnPerf.Backends;
using CnnPerf.Models;
using CnnPerf.Onnx;
using CnnPerf.Running;
using CnnPerf.Verification;

namespace CnnPerf.Cli.Tests;

/// <summary>
/// Every backend of the catalogue judges a model by the same rules (those of the graph view) and says so in the same
/// words: the verdict and the message differ only in the backend's name.
/// </summary>
public sealed class BackendCatalogTests
{
    private string _folder = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-catalog-").FullName;

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static IReadOnlyList<IInferenceBackend> Backends()
    {
        var backends = BackendCatalog.All();
        foreach (var backend in backends)
        {
            Assume.That(backend.Availability.IsAvailable, Is.True, $"{backend.Name} is unavailable here: {backend.Availability.Reason}");
        }
        return backends;
    }

    private ModelSource Save(OnnxModelWriter writer, string name)
    {
        var path = Path.Combine(_folder, name + ".onnx");
        writer.Save(path);
        return ModelSource.FromOnnxFile(path);
    }

    private static OnnxModelWriter Relu(string name, OnnxElementType type, params OnnxDimension[] shape) =>
        new OnnxModelWriter(name).Input("x", type, shape).Output("y", shape: null).Node("Relu", "relu", ["x"], ["y"]);

    public static IEnumerable<TestCaseData> RefusedModels()
    {
        yield return new TestCaseData("two_inputs", "the graph has 2 inputs ('a', 'b'); CnnPerf runs models with exactly one")
            .SetName("A model with two inputs is refused by every backend in the same words");
        yield return new TestCaseData("int32_input", "input 'x' has element type Int32; CnnPerf runs float32 models")
            .SetName("An int32 input is refused by every backend in the same words");
        yield return new TestCaseData("all_symbolic", "input 'x' [N,C,H,W] has the symbolic dimension C at axis 1; only the batch (axis 0) may be symbolic, the others must be fixed")
            .SetName("An all-symbolic input is refused by every backend in the same words");
        yield return new TestCaseData("too_large", "input 'x' [1,3,100000,100000] is too large: 30,000,000,000 elements, a CnnPerf tensor holds at most 2,147,483,591")
            .SetName("An input too large for a tensor is refused by every backend in the same words");
    }

    private ModelSource Refused(string name) => name switch
    {
        "two_inputs" => Save(new OnnxModelWriter(name).Input("a", 1, 4).Input("b", 1, 4).Output("y", 1, 4).Node("Add", "add", ["a", "b"], ["y"]), name),
        "int32_input" => Save(Relu(name, OnnxElementType.Int32, 1, 4), name),
        "all_symbolic" => Save(Relu(name, OnnxElementType.Float, "N", "C", "H", "W"), name),
        "too_large" => Save(Relu(name, OnnxElementType.Float, 1, 3, 100000, 100000), name),
        _ => throw new ArgumentException(name),
    };

    [TestCaseSource(nameof(RefusedModels))]
    public void Refused_model(string name, string problem)
    {
        var model = Refused(name);
        foreach (var backend in Backends())
        {
            var expected = $"{backend.Name}: model '{name}': {problem}";

            Assert.That(backend.Validate(model, BackendOptions.Default), Is.EqualTo(new[] { expected }), backend.Name);
            Assert.That(Assert.Throws<InferenceException>(() => backend.Load(model, BackendOptions.Default))!.Message, Is.EqualTo(expected), backend.Name);
            var result = new MeasurementRunner().Run(RunConfiguration.For(model, backend.Name).WithIterations(1).Build(), backend);
            Assert.That((result.Failure?.Kind, result.Failure?.Message), Is.EqualTo(((FailureKind?)FailureKind.Invalid, expected)), backend.Name);
        }
    }

    [Test]
    public void A_symbolic_batch_is_1_on_every_backend_and_they_agree()
    {
        var random = new Random(5);
        var weights = Enumerable.Range(0, 4 * 3 * 9).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var model = Save(new OnnxModelWriter("symbolic_batch").Input("x", "batch", 3, 8, 8).Output("y", "batch", 4)
            .Initializer(OnnxTensor.FromFloats("w", [4, 3, 3, 3], weights))
            .Node("Conv", "conv", ["x", "w"], ["c"], OnnxAttribute.Of("pads", 1L, 1L, 1L, 1L))
            .Node("Relu", "relu", ["c"], ["r"])
            .Node("GlobalAveragePool", "gap", ["r"], ["g"])
            .Node("Flatten", "flatten", ["g"], ["y"]), "symbolic_batch");
        var backends = Backends();

        foreach (var backend in backends)
        {
            Assert.That(backend.Validate(model, BackendOptions.Default), Is.Empty, backend.Name);
            using var session = backend.Load(model, BackendOptions.Default);
            Assert.That((session.InputShape, session.OutputShape), Is.EqualTo((new TensorShape(1, 3, 8, 8), new TensorShape(1, 4))), backend.Name);
        }
        var report = BackendVerifier.Verify(model, backends[0], backends.Skip(1), BackendOptions.Default);
        Assert.That(report.Results.Select(r => (r.Backend, r.Error, r.Ok)), Is.EqualTo(backends.Skip(1).Select(b => (b.Name, (string?)null, true))));
    }

    [Test]
    public void An_input_that_a_Constant_produces_is_a_constant_on_every_backend()
    {
        // The file lists 'c' among the graph inputs, but a Constant node produces it: the model has one input, 'x'.
        var model = Save(new OnnxModelWriter("constant_input").Input("x", 1, 4).Input("c", 1, 4).Output("y", 1, 4)
            .Node("Constant", "c_value", [], ["c"], OnnxAttribute.Of("value", OnnxTensor.FromFloats("c", [1, 4], [1f, 2f, 3f, 4f])))
            .Node("Add", "add", ["x", "c"], ["y"]), "constant_input");
        var backends = Backends();

        Assert.That(backends.Select(b => b.Validate(model, BackendOptions.Default)), Has.All.Empty);
        var report = BackendVerifier.Verify(model, backends[0], backends.Skip(1), BackendOptions.Default);
        Assert.That(report.Results.Select(r => (r.Backend, r.Error, r.Ok)), Is.EqualTo(backends.Skip(1).Select(b => (b.Name, (string?)null, true))));
    }
}
