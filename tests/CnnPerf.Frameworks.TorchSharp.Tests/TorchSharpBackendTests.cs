using CnnPerf.Backends;
using CnnPerf.Frameworks.TorchSharp.Tests.Support;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.TorchSharp.Tests;

internal sealed class TorchSharpBackendTests : TorchSharpFixture
{
    [Test]
    public void Is_named_torchsharp_and_reports_torchsharp_and_libtorch_versions()
    {
        Assert.That(Backend.Name, Is.EqualTo("torchsharp"));
        Assert.That(Backend.Version, Does.StartWith("0.107.0 (libtorch 2.10.0"));
    }

    [Test]
    public void An_unsupported_operator_is_named_with_its_node_before_anything_runs()
    {
        var graph = new TinyGraph([1, 4]);
        graph.Node("Relu", ["x"], "a").Node("Tile", ["a", graph.Int64s("repeats", 1, 2)], "y");
        var model = graph.Save(Folder, "tile");

        var problems = Backend.Validate(model, BackendOptions.Default);
        var error = Assert.Throws<InferenceException>(() => Backend.Load(model, BackendOptions.Default))!;

        Assert.That(problems, Is.EqualTo(new[] { "torchsharp: model 'tile' at node 'tile_1' (op Tile): unsupported operator" }));
        Assert.That((error.Backend, error.NodeName, error.OpType), Is.EqualTo(("torchsharp", "tile_1", "Tile")));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void Every_unsupported_node_and_bad_option_is_listed()
    {
        var graph = new TinyGraph([1, 4]);
        graph.Node("Erf", ["x"], "a").Node("Conv", ["a", graph.Weights("w", 2, 4, 1, 1)], "y", ("kernel_shape", new long[] { 1, 1, 1 }));
        var model = graph.Save(Folder, "two_problems");
        var options = new BackendOptions(0, new Dictionary<string, string> { ["fast"] = "yes" });

        var problems = Backend.Validate(model, options);

        Assert.That(problems, Has.Count.EqualTo(4));
        Assert.That(problems, Has.Some.Contains("threads must be at least 1"));
        Assert.That(problems, Has.Some.Contains("unknown setting 'fast'"));
        Assert.That(problems, Has.Some.Contains("(op Erf): unsupported operator"));
        Assert.That(problems, Has.Some.Contains("(op Conv): only 2-D convolution"));
    }

    [Test]
    public void A_truncated_file_gives_a_clear_error_from_validate_and_load()
    {
        var graph = new TinyGraph([1, 4]);
        graph.Node("Gemm", ["x", graph.Weights("w", 3, 4)], "y", ("transB", 1L));
        var whole = graph.Save(Folder, "whole");
        var bytes = File.ReadAllBytes(whole.Path);
        var truncatedPath = Path.Combine(Folder, "truncated.onnx");
        File.WriteAllBytes(truncatedPath, bytes[..(bytes.Length * 2 / 3)]);
        var truncated = ModelSource.FromOnnxFile(truncatedPath);

        var problems = Backend.Validate(truncated, BackendOptions.Default);
        var error = Assert.Throws<InferenceException>(() => Backend.Load(truncated, BackendOptions.Default))!;

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("torchsharp: model 'truncated':").And.Contains("not a valid ONNX file"));
        Assert.That(error.Message, Is.EqualTo(problems[0]));
    }

    [Test]
    public void A_file_of_garbage_gives_a_clear_error()
    {
        var path = Path.Combine(Folder, "garbage.onnx");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);

        var error = Assert.Throws<InferenceException>(() => Backend.Load(ModelSource.FromOnnxFile(path), BackendOptions.Default))!;

        Assert.That(error.Message, Does.StartWith("torchsharp: model 'garbage':").And.Contains("not a valid ONNX file"));
    }

    [Test]
    public void A_caffe_model_is_refused()
    {
        var problems = Backend.Validate(ModelSource.FromCaffe("net.prototxt", "net.caffemodel"), BackendOptions.Default);

        Assert.That(problems, Is.EqualTo(new[] { "torchsharp: model 'net': only ONNX models are supported, not Caffe" }));
    }

    [Test]
    public void An_input_of_the_wrong_shape_is_refused()
    {
        var graph = new TinyGraph([1, 4]);
        graph.Node("Relu", ["x"], "y");
        using var session = Backend.Load(graph.Save(Folder, "relu"), BackendOptions.Default);

        var error = Assert.Throws<InferenceException>(() => session.Run(new Tensor(new TensorShape(1, 5)), new Tensor(session.OutputShape)))!;

        Assert.That(error.Message, Does.Contain("input shape [1,5] differs from the model's [1,4]"));
    }

    [Test]
    public void Two_threads_compute_the_same_numbers_as_one()
    {
        var graph = new TinyGraph([1, 8, 16, 16]);
        graph.Node("Conv", ["x", graph.Weights("w", 16, 8, 3, 3)], "a", ("pads", new long[] { 1, 1, 1, 1 }))
            .Node("Relu", ["a"], "y");
        var model = graph.Save(Folder, "threads");
        using var one = Backend.Load(model, new BackendOptions(1));
        using var two = Backend.Load(model, new BackendOptions(2));
        var input = Tensor.Random(one.InputShape, 7);
        var outputOne = new Tensor(one.OutputShape);
        var outputTwo = new Tensor(two.OutputShape);

        one.Run(input, outputOne);
        two.Run(input, outputTwo);

        Assert.That(global::TorchSharp.torch.get_num_threads(), Is.EqualTo(2), "the last session's thread count is applied");
        Assert.That(Reference.MaxRelativeDifference(outputOne.Data, outputTwo.Data), Is.LessThanOrEqualTo(1e-6));
    }

    [Test]
    public void ProfileLayers_times_every_node_in_execution_order()
    {
        var graph = new TinyGraph([1, 16, 32, 32]);
        graph.Node("Conv", ["x", graph.Weights("w", 64, 16, 3, 3)], "a", ("pads", new long[] { 1, 1, 1, 1 }))
            .Node("Relu", ["a"], "b")
            .Node("GlobalAveragePool", ["b"], "y");
        using var session = Backend.Load(graph.Save(Folder, "profile"), BackendOptions.Default);

        var layers = session.ProfileLayers(Tensor.Random(session.InputShape, 1), runs: 20);

        Assert.That(layers.Select(l => (l.NodeName, l.OpType)),
            Is.EqualTo(new[] { ("conv_0", "Conv"), ("relu_1", "Relu"), ("globalaveragepool_2", "GlobalAveragePool") }));
        Assert.That(layers.Select(l => l.MeanMilliseconds), Is.All.GreaterThan(0));
        // The convolution does ~9.4 M multiply-adds, the ReLU touches its 64 K outputs once: it must dominate.
        Assert.That(layers[0].MeanMilliseconds, Is.GreaterThan(layers[1].MeanMilliseconds));
    }
}
