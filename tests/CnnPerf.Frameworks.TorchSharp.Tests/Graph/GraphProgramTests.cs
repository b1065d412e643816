using CnnPerf.Frameworks.TorchSharp.Graph;
using CnnPerf.Frameworks.TorchSharp.Tests.Support;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Graph;

/// <summary>Compilation only: no native library is involved.</summary>
internal sealed class GraphProgramTests
{
    private string _folder = "";

    [OneTimeSetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-graph-").FullName;

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Each_value_is_freed_after_its_last_reader_and_the_output_never()
    {
        var graph = new TinyGraph([1, 4]);
        graph.Node("Relu", ["x"], "a")
            .Node("Sigmoid", ["a"], "b")
            .Node("Add", ["x", "b"], "c")
            .Node("Mul", ["c", "a"], "y");

        var program = Compile(graph, "release");

        var (x, a, b, c) = (program.InputSlot, program.Nodes[0].OutputSlot, program.Nodes[1].OutputSlot, program.Nodes[2].OutputSlot);
        Assert.That(program.Nodes.Select(n => n.ReleasedSlots), Is.EqualTo(new int[][] { [], [], [.. new[] { x, b }.Order()], [.. new[] { a, c }.Order()] }));
    }

    [Test]
    public void Float_initializers_are_uploaded_once_and_int64_constants_stay_at_compile_time()
    {
        var graph = new TinyGraph([1, 2, 2]);
        graph.Node("Add", ["x", graph.Weights("bias", 2, 2)], "a")
            .Node("Reshape", ["a", graph.Int64s("shape", 1, -1)], "y");

        var program = Compile(graph, "constants");

        Assert.That(program.Constants.Select(c => c.Value.Name), Is.EqualTo(new[] { "bias" }));
        Assert.That(program.Nodes[1].InputSlots[1], Is.EqualTo(-1), "the shape is read at compile time");
        Assert.That(program.InputShape, Is.EqualTo(new CnnPerf.Backends.TensorShape(1, 2, 2)));
    }

    [Test]
    public void A_Constant_node_feeds_a_Reshape_shape()
    {
        var graph = new TinyGraph([2, 3]);
        var shape = OnnxTensor.FromInt64s("shape", [1], [-1]);
        graph.Node("Constant", [], "shape", ("value", shape)).Node("Reshape", ["x", "shape"], "y");

        var program = Compile(graph, "constant_node");

        Assert.That(program.Nodes.Select(n => n.OpType), Is.EqualTo(new[] { "Reshape" }));
    }

    [Test]
    public void A_shape_computed_at_run_time_is_reported_on_its_node()
    {
        var graph = new TinyGraph([2, 3]);
        graph.Node("Relu", ["x"], "shape").Node("Reshape", ["x", "shape"], "y");
        var model = OnnxModel.Load(graph.Save(_folder, "dynamic_shape").Path);

        var program = GraphProgram.Compile(model, "torchsharp", out var problems);

        Assert.That(program, Is.Null);
        Assert.That(problems.Select(p => p.Message), Is.EqualTo(new[]
        {
            "torchsharp: model 'dynamic_shape' at node 'reshape_1' (op Reshape): input 1 ('shape') must be a constant (initializer or Constant node), it is computed at run time",
        }));
    }

    private GraphProgram Compile(TinyGraph graph, string name)
    {
        var model = OnnxModel.Load(graph.Save(_folder, name).Path);
        var program = GraphProgram.Compile(model, "torchsharp", out var problems);
        Assert.That(problems, Is.Empty);
        return program!;
    }
}
