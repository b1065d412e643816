using CnnPerf.Backends;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Frameworks.Tests.TestModels;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.Tests.OnnxRuntime;

public sealed class OnnxRuntimeBackendTests
{
    private readonly OnnxRuntimeBackend _backend = new();
    private TemporaryDirectory _directory = null!;
    private ModelSource _convNet = null!;

    [OneTimeSetUp]
    public void CreateModels()
    {
        _directory = new TemporaryDirectory();
        _convNet = TinyOnnxModels.ConvNet(_directory.Path);
    }

    [OneTimeTearDown]
    public void DeleteModels() => _directory.Dispose();

    [Test]
    public void IsAvailableWithThePackagedVersion()
    {
        Assert.That(_backend.Availability.IsAvailable, Is.True, _backend.Availability.Reason);
        Assert.That(_backend.Version, Is.EqualTo("1.31.1"));
    }

    [Test]
    public void Run_ComputesTheGraph()
    {
        var model = TinyOnnxModels.WithOperator(_directory.Path, "Neg", "neg0");
        using var session = _backend.Load(model, BackendOptions.Default);
        var input = Tensor.Random(session.InputShape, 3);
        var output = new Tensor(session.OutputShape);

        session.Run(input, output);

        var expected = input.Data.Select(x => -Math.Max(x, 0f)).ToArray();
        Assert.That(output.Data, Is.EqualTo(expected));
    }

    [Test]
    public void Run_AllocatesNoTensorData() => RunAllocationCheck.AssertRunsAllocateNoTensorData(_backend, _directory.Path);

    [Test]
    public void Run_WithNewTensors_RebindsThem()
    {
        var model = TinyOnnxModels.WithOperator(_directory.Path, "Neg", "neg0");
        using var session = _backend.Load(model, BackendOptions.Default);
        var first = Tensor.Random(session.InputShape, 1);
        var second = Tensor.Random(session.InputShape, 2);
        var output = new Tensor(session.OutputShape);
        var otherOutput = new Tensor(session.OutputShape);

        session.Run(first, output);
        session.Run(second, otherOutput);

        Assert.That(output.Data, Is.EqualTo(first.Data.Select(x => -Math.Max(x, 0f))));
        Assert.That(otherOutput.Data, Is.EqualTo(second.Data.Select(x => -Math.Max(x, 0f))));
    }

    [Test]
    public void Run_WithWrongInputShape_Throws()
    {
        using var session = _backend.Load(_convNet, BackendOptions.Default);

        var e = Assert.Throws<InferenceException>(() => session.Run(new Tensor(new TensorShape(1, 3, 4, 4)), new Tensor(session.OutputShape)));

        Assert.That(e!.Message, Does.Contain("[1,3,4,4]").And.Contain("[1,3,8,8]"));
    }

    [Test]
    public void GraphOptimizationLevels_GiveTheSameOutput()
    {
        var outputs = GraphOptimization.Values.Select(level =>
        {
            using var session = _backend.Load(_convNet, WithSetting(GraphOptimization.SettingName, level));
            var output = new Tensor(session.OutputShape);
            session.Run(Tensor.Random(session.InputShape, 5), output);
            return output.Data;
        }).ToList();

        Assert.That(outputs, Has.Count.EqualTo(4));
        Assert.That(outputs, Has.All.EqualTo(outputs[0]).Within(1e-5));
    }

    [Test]
    public void Validate_ReportsEveryBadOption()
    {
        var options = new BackendOptions(0, new Dictionary<string, string> { ["graph-optimization"] = "max", ["colour"] = "red" });

        var problems = _backend.Validate(_convNet, options);

        Assert.That(problems, Has.Some.Contains("threads must be at least 1"));
        Assert.That(problems, Has.Some.Contains("graph-optimization=max"));
        Assert.That(problems, Has.Some.Contains("unknown setting 'colour'"));
        Assert.That(_backend.Validate(_convNet, WithSetting("graph-optimization", "basic")), Is.Empty);
    }

    [Test]
    public void Load_WithBadOption_ThrowsBeforeLoading()
    {
        var e = Assert.Throws<InferenceException>(() => _backend.Load(_convNet, WithSetting("graph-optimization", "max")));

        Assert.That(e!.Message, Does.StartWith("onnxruntime: model 'tiny_convnet'"));
    }

    [Test]
    public void Load_MissingFileOrCaffeModel_IsReported()
    {
        var missing = ModelSource.FromOnnxFile(Path.Combine(_directory.Path, "absent.onnx"));
        var caffe = TinyCaffeModel.Write(_directory.Path);

        Assert.That(_backend.Validate(missing, BackendOptions.Default), Has.Some.Contains("ONNX file not found"));
        Assert.That(_backend.Validate(caffe, BackendOptions.Default), Has.Some.Contains("model format Caffe is not supported"));
    }

    [Test]
    public void UnknownOperator_NamesBackendNodeAndOp()
    {
        var model = TinyOnnxModels.WithOperator(_directory.Path, "Frobnicate", "frob0");

        var e = Assert.Throws<InferenceException>(() => _backend.Load(model, BackendOptions.Default));

        Assert.That(e!.Backend, Is.EqualTo("onnxruntime"));
        Assert.That(e.NodeName, Is.EqualTo("frob0"));
        Assert.That(e.OpType, Is.EqualTo("Frobnicate"));
        Assert.That(e.Message, Does.StartWith("onnxruntime: model 'tiny_frobnicate' at node 'frob0' (op Frobnicate): cannot load the model"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [TestCase("corrupt")]
    [TestCase("truncated")]
    public void DamagedFile_GivesAClearError(string damage)
    {
        var model = damage == "corrupt" ? TestModelFiles.Corrupt(_directory.Path) : TestModelFiles.Truncated(_convNet, _directory.Path);

        var e = Assert.Throws<InferenceException>(() => _backend.Load(model, BackendOptions.Default));

        Assert.That(e!.Message, Does.StartWith($"onnxruntime: model '{model.Name}':").And.Contain("not a valid ONNX file"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void ProfileLayers_WithoutGraphOptimization_TimesEveryNodeInOrder()
    {
        using var session = _backend.Load(_convNet, WithSetting(GraphOptimization.SettingName, "disabled"));

        var layers = session.ProfileLayers(Tensor.Random(session.InputShape, 1), runs: 3);

        Assert.That(layers.Select(l => l.NodeName), Is.EqualTo(new[] { "conv1", "relu1", "pool1", "flatten1", "fc1" }));
        Assert.That(layers.Select(l => l.OpType), Is.EqualTo(new[] { "Conv", "Relu", "MaxPool", "Flatten", "Gemm" }));
        Assert.That(layers.Select(l => l.MeanMilliseconds), Has.All.GreaterThanOrEqualTo(0));
        Assert.That(layers.Sum(l => l.MeanMilliseconds), Is.GreaterThan(0));
    }

    [Test]
    public void ProfileLayers_LeavesTheSessionUsable()
    {
        using var session = _backend.Load(_convNet, BackendOptions.Default);
        var input = Tensor.Random(session.InputShape, 1);
        var before = new Tensor(session.OutputShape);
        var after = new Tensor(session.OutputShape);
        session.Run(input, before);

        var layers = session.ProfileLayers(input, runs: 2);
        session.Run(input, after);

        Assert.That(layers, Is.Not.Empty);
        Assert.That(layers.Select(l => l.NodeName), Has.All.Not.Empty);
        Assert.That(after.Data, Is.EqualTo(before.Data));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Threads_SetTheIntraOpPoolSize(int threads)
    {
        // ONNX Runtime's intra-op pool runs on the calling thread plus threads - 1 threads of its own.
        var before = ProcessThreads.NonRuntime();
        using var session = _backend.Load(_convNet, new BackendOptions(threads));
        var created = ProcessThreads.NonRuntime().Except(before).Count();

        Assert.That(created, Is.EqualTo(threads - 1));
    }

    private static BackendOptions WithSetting(string name, string value) =>
        new(1, new Dictionary<string, string> { [name] = value });
}
