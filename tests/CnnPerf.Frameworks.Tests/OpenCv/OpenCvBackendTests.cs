using CnnPerf.Backends;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Frameworks.OpenCv;
using CnnPerf.Frameworks.Tests.TestModels;
using CnnPerf.Models;
using CnnPerf.Onnx;
using CnnPerf.Verification;

namespace CnnPerf.Frameworks.Tests.OpenCv;

public sealed class OpenCvBackendTests
{
    private readonly OpenCvBackend _backend = new();
    private TemporaryDirectory _directory = null!;
    private ModelSource _convNet = null!;

    [OneTimeSetUp]
    public void CreateModels()
    {
        Assume.That(_backend.Availability.IsAvailable, Is.True, $"OpenCV is unavailable here: {_backend.Availability.Reason}");
        _directory = new TemporaryDirectory();
        _convNet = TinyOnnxModels.ConvNet(_directory.Path);
    }

    [OneTimeTearDown]
    public void DeleteModels() => _directory?.Dispose();

    [Test]
    public void ReportsTheOpenCvVersion() => Assert.That(_backend.Version, Does.StartWith("4.13."));

    [Test]
    public void TinyConvNet_AgreesWithOnnxRuntime()
    {
        var report = BackendVerifier.Verify(_convNet, new OnnxRuntimeBackend(), [_backend], BackendOptions.Default);

        Assert.That(report.Results.Single().Error, Is.Null);
        Assert.That(report.Results.Single().MaxRelDiff, Is.LessThanOrEqualTo(1e-5));
        Assert.That(report.AllOk, Is.True);
    }

    [Test]
    public void Shapes_ComeFromTheGraphAndTheFirstRun()
    {
        using var session = _backend.Load(_convNet, BackendOptions.Default);

        Assert.That(session.InputShape, Is.EqualTo(new TensorShape(1, 3, 8, 8)));
        Assert.That(session.OutputShape, Is.EqualTo(new TensorShape(1, 5)));
    }

    [Test]
    public void Run_AllocatesNoTensorData() => RunAllocationCheck.AssertRunsAllocateNoTensorData(_backend, _directory.Path);

    [Test]
    public void Run_WithWrongOutputShape_Throws()
    {
        using var session = _backend.Load(_convNet, BackendOptions.Default);

        var e = Assert.Throws<InferenceException>(() => session.Run(new Tensor(session.InputShape), new Tensor(new TensorShape(1, 6))));

        Assert.That(e!.Message, Does.StartWith("opencv: model 'tiny_convnet'").And.Contain("[1,5]"));
    }

    [Test]
    public void UnsupportedOperator_NamesBackendNodeAndOp()
    {
        var model = TinyOnnxModels.WithOperator(_directory.Path, "Det", "det0");

        var e = Assert.Throws<InferenceException>(() => _backend.Load(model, BackendOptions.Default));

        Assert.That(e!.NodeName, Is.EqualTo("det0"));
        Assert.That(e.OpType, Is.EqualTo("Det"));
        Assert.That(e.Message, Is.EqualTo("opencv: model 'tiny_det' at node 'det0' (op Det): cannot load the model: OpenCV DNN does not support this operator"));
    }

    [TestCase("Det")]
    [TestCase("NonZero")]
    public void UnsupportedOperator_IsNamedAlsoWhenTheOutputDeclaresNoShape(string op)
    {
        // OpenCV's importer asserts tensor.has_shape() on an output without a declared shape, before it reaches the node.
        var path = Path.Combine(_directory.Path, $"undeclared_{op}.onnx");
        new OnnxModelWriter("g").Input("x", 1, 2, 3, 3).Output("y", shape: null).Node("Relu", "relu0", ["x"], ["r"]).Node(op, "node0", ["r"], ["y"]).Save(path);

        var e = Assert.Throws<InferenceException>(() => _backend.Load(ModelSource.FromOnnxFile(path), BackendOptions.Default))!;

        Assert.That(e.Message, Is.EqualTo($"opencv: model 'undeclared_{op}' at node 'node0' (op {op}): cannot load the model: OpenCV DNN does not support this operator"));
    }

    [Test]
    public void AnOutputWithoutADeclaredShapeRuns()
    {
        var path = Path.Combine(_directory.Path, "undeclared_relu.onnx");
        new OnnxModelWriter("g").Input("x", 1, 2, 3, 3).Output("y", shape: null).Node("Relu", "relu0", ["x"], ["y"]).Save(path);
        using var session = _backend.Load(ModelSource.FromOnnxFile(path), BackendOptions.Default);
        var input = new Tensor(session.InputShape, [.. Enumerable.Range(-9, 18).Select(i => (float)i)]);
        var output = new Tensor(session.OutputShape);

        session.Run(input, output);

        Assert.That(session.OutputShape, Is.EqualTo(new TensorShape(1, 2, 3, 3)));
        Assert.That(output.Data, Is.EqualTo(input.Data.Select(v => Math.Max(v, 0f))));
    }

    [TestCase("corrupt")]
    [TestCase("truncated")]
    public void DamagedFile_GivesAClearError(string damage)
    {
        var model = damage == "corrupt" ? TestModelFiles.Corrupt(_directory.Path) : TestModelFiles.Truncated(_convNet, _directory.Path);

        var e = Assert.Throws<InferenceException>(() => _backend.Load(model, BackendOptions.Default));

        Assert.That(e!.Message, Does.StartWith($"opencv: model '{model.Name}':").And.Contain("not a valid ONNX file"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void ProfileLayers_NamesTheOnnxNodes()
    {
        using var session = _backend.Load(_convNet, BackendOptions.Default);

        var layers = session.ProfileLayers(Tensor.Random(session.InputShape, 1), runs: 3);

        Assert.That(layers, Is.Not.Empty);
        Assert.That(layers.Select(l => l.NodeName), Has.All.Not.Empty);
        Assert.That(layers.Select(l => l.MeanMilliseconds), Has.All.GreaterThan(0));
        Assert.That(layers.Select(l => (l.NodeName, l.OpType)), Does.Contain(("conv1", "Conv")).And.Contain(("pool1", "MaxPool")).And.Contain(("fc1", "Gemm")));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Threads_SetOpenCvsThreadCount(int threads)
    {
        using var session = _backend.Load(_convNet, new BackendOptions(threads));
        OpenCvSharp.Cv2.SetNumThreads(threads + 3);

        session.Run(new Tensor(session.InputShape), new Tensor(session.OutputShape));

        Assert.That(OpenCvSharp.Cv2.GetNumThreads(), Is.EqualTo(threads));
    }

    [Test]
    public void Validate_RejectsSettingsAndMissingCaffeWeights()
    {
        var options = new BackendOptions(1, new Dictionary<string, string> { ["graph-optimization"] = "all" });
        var caffe = new ModelSource("x", _convNet.Path, ModelFormat.Caffe, Path.Combine(_directory.Path, "absent.caffemodel"));

        Assert.That(_backend.Validate(_convNet, options), Has.Some.Contains("unknown setting 'graph-optimization' (known: none)"));
        Assert.That(_backend.Validate(caffe, BackendOptions.Default), Has.Some.Contains("Caffe weights file not found"));
    }

    [Test]
    public void CaffeModel_ComputesTheHandWorkedOutput()
    {
        var model = TinyCaffeModel.Write(_directory.Path);
        using var session = _backend.Load(model, BackendOptions.Default);
        var output = new Tensor(session.OutputShape);

        session.Run(new Tensor(session.InputShape, (float[])TinyCaffeModel.Input.Clone()), output);

        Assert.That(session.InputShape, Is.EqualTo(new TensorShape(1, 1, 3, 3)));
        Assert.That(session.OutputShape, Is.EqualTo(new TensorShape(1, 2, 2, 2)));
        Assert.That(output.Data, Is.EqualTo(TinyCaffeModel.ExpectedOutput).Within(1e-6));
    }

    [Test]
    public void CaffeModel_ProfilesItsLayersByCaffeName()
    {
        var model = TinyCaffeModel.Write(_directory.Path);
        using var session = _backend.Load(model, BackendOptions.Default);

        var layers = session.ProfileLayers(new Tensor(session.InputShape), runs: 2);

        Assert.That(layers.Select(l => (l.NodeName, l.OpType)), Does.Contain(("conv1", "Convolution")));
    }
}
