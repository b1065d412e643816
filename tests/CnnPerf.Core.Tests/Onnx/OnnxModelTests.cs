using CnnPerf.Onnx;

namespace CnnPerf.Core.Tests.Onnx;

public class OnnxModelTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("cnnperf-onnx-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>x [N,3,8,8] -> Conv(w, b) -> Relu -> Flatten -> Reshape(shape, a Constant) -> y.</summary>
    private static OnnxModelWriter SmallModel(string name = "small") => new OnnxModelWriter(name)
        .Input("x", "N", 3, 8, 8)
        .Output("y", "N", 192)
        .Initializer(OnnxTensor.FromFloats("w", [3, 3, 3, 3], new float[81]))
        .Initializer(OnnxTensor.FromFloats("b", [3], [1f, 2f, 3f]))
        .Node("Conv", "conv", ["x", "w", "b"], ["c"], OnnxAttribute.Of("pads", 1L, 1L, 1L, 1L))
        .Node("Relu", "", ["c"], ["r"])
        .Node("Constant", "shape", [], ["target"], OnnxAttribute.Of("value", OnnxTensor.FromInt64s("ignored", [2], [0, -1])))
        .Node("Reshape", "reshape", ["r", "target"], ["y"]);

    private OnnxModel Load(OnnxModelWriter writer, string name)
    {
        var path = Path.Combine(_directory, name + ".onnx");
        writer.Save(path);
        return OnnxModel.Load(path);
    }

    private OnnxModelException Rejected(OnnxModelWriter writer, string name) => Assert.Throws<OnnxModelException>(() => Load(writer, name))!;

    [Test]
    public void A_saved_model_reads_back_with_its_nodes_constants_producers_and_consumers()
    {
        var model = Load(SmallModel(), "small");

        Assert.That(model.Name, Is.EqualTo("small"));
        Assert.That(model.Opset, Is.EqualTo(OnnxGraphBuilder.OpsetVersion));
        Assert.That(model.Nodes.Select(n => n.OpType), Is.EqualTo(new[] { "Conv", "Relu", "Reshape" }), "a Constant node is a constant, not a node");
        Assert.That(model.Constants.Keys, Is.EquivalentTo(new[] { "w", "b", "target" }));
        Assert.That(model.Constant("b")!.ToFloats(), Is.EqualTo(new[] { 1f, 2f, 3f }));
        Assert.That(model.Constant("target")!.Name, Is.EqualTo("target"), "a Constant's value is named after its output");
        Assert.That(model.Producer("r"), Is.SameAs(model.Nodes[1]));
        Assert.That(model.Producer("x"), Is.Null);
        Assert.That(model.Consumers("r"), Is.EqualTo(new[] { model.Nodes[2] }));
        Assert.That(model.Nodes[2].ConstantInput(1)!.ToInt64s(), Is.EqualTo(new long[] { 0, -1 }));
        Assert.That(model.Nodes[2].ConstantInput(0), Is.Null);
        Assert.That(model.Nodes[0].GetInts("pads"), Is.EqualTo(new long[] { 1, 1, 1, 1 }));
        Assert.That(model.Nodes[0].GetInt("group", 1), Is.EqualTo(1));
        Assert.That(model.FindNode("reshape"), Is.SameAs(model.Nodes[2]));
    }

    [Test]
    public void A_model_read_without_weights_has_its_structure_and_no_values()
    {
        var path = Path.Combine(_directory, "light.onnx");
        SmallModel("light").Save(path);

        var model = OnnxModel.Load(path, withWeights: false);

        Assert.That(model.HasWeights, Is.False);
        Assert.That(model.Nodes.Select(n => n.OpType), Is.EqualTo(new[] { "Conv", "Relu", "Reshape" }));
        Assert.That(model.Constant("w")!.Dimensions, Is.EqualTo(new long[] { 3, 3, 3, 3 }));
        Assert.That(model.Constant("w")!.HasData, Is.False);
        Assert.That(() => model.Constant("w")!.ToFloats(), Throws.InstanceOf<CnnPerfException>().With.Message.EqualTo(
            "the values of ONNX tensor 'w' were not read (the model was read without its weights)"));
        Assert.That(model.Constant("target")!.ToInt64s(), Is.EqualTo(new long[] { 0, -1 }), "a Constant node's value is part of the structure");
        Assert.That(model.InputShape, Is.EqualTo(new CnnPerf.Backends.TensorShape(1, 3, 8, 8)));
        Assert.That(model.OutputShape, Is.EqualTo(new CnnPerf.Backends.TensorShape(1, 192)));
    }

    [Test]
    public void An_unnamed_node_is_labelled_by_its_first_output()
    {
        var model = Load(SmallModel(), "labels");

        Assert.That(model.Nodes[1].Name, Is.Empty);
        Assert.That(model.Nodes[1].Label, Is.EqualTo("r"));
    }

    [Test]
    public void A_symbolic_batch_is_taken_as_1_for_the_input_the_shapes_and_the_output()
    {
        var model = Load(SmallModel(), "symbolic_batch");

        Assert.That(model.Input.Dimensions![0], Is.EqualTo(new OnnxDimension(null, "N")));
        Assert.That(model.InputShape, Is.EqualTo(new CnnPerf.Backends.TensorShape(1, 3, 8, 8)));
        Assert.That(model.ShapeOf("c"), Is.EqualTo(new long[] { 1, 3, 8, 8 }));
        Assert.That(model.ShapeOf("y"), Is.EqualTo(new long[] { 1, 192 }));
        Assert.That(model.OutputShape, Is.EqualTo(new CnnPerf.Backends.TensorShape(1, 192)));
    }

    [Test]
    public void An_output_without_a_declared_shape_gets_the_inferred_one()
    {
        var writer = new OnnxModelWriter("undeclared").Input("x", 1, 4).Output("y", shape: null).Node("Relu", "relu", ["x"], ["y"]);

        Assert.That(Load(writer, "undeclared").OutputShape, Is.EqualTo(new CnnPerf.Backends.TensorShape(1, 4)));
    }

    [Test]
    public void A_symbolic_dimension_other_than_the_batch_is_refused()
    {
        var writer = new OnnxModelWriter("all_symbolic").Input("x", "N", "C", "H", "W").Output("y").Node("Relu", "relu", ["x"], ["y"]);

        var e = Rejected(writer, "all_symbolic");

        Assert.That(e.Message, Is.EqualTo("model 'all_symbolic': input 'x' [N,C,H,W] has the symbolic dimension C at axis 1; only the batch (axis 0) may be symbolic, the others must be fixed"));
    }

    [Test]
    public void Two_inputs_are_refused_and_initializers_or_Constant_outputs_listed_as_inputs_are_not_inputs()
    {
        var two = new OnnxModelWriter("two").Input("a", 1, 4).Input("b", 1, 4).Output("y", 1, 4).Node("Add", "add", ["a", "b"], ["y"]);
        var listed = new OnnxModelWriter("listed").Input("x", 1, 4).Input("c", 1, 4).Input("w", 4).Output("y", 1, 4)
            .Initializer(OnnxTensor.FromFloats("w", [4], new float[4]))
            .Node("Constant", "c_node", [], ["c"], OnnxAttribute.Of("value", OnnxTensor.FromFloats("c", [1, 4], new float[4])))
            .Node("Add", "add", ["x", "c"], ["s"]).Node("Add", "add2", ["s", "w"], ["y"]);

        Assert.That(Rejected(two, "two").Problem, Is.EqualTo("the graph has 2 inputs ('a', 'b'); CnnPerf runs models with exactly one"));
        Assert.That(Load(listed, "listed").Input.Name, Is.EqualTo("x"));
    }

    [Test]
    public void Two_outputs_a_missing_opset_and_a_non_float_input_are_refused()
    {
        var twoOutputs = new OnnxModelWriter("g").Input("x", 1, 4).Output("y", 1, 4).Output("z", 1, 4).Node("Relu", "r", ["x"], ["y"]).Node("Relu", "s", ["x"], ["z"]);
        var noOpset = new OnnxModelWriter("g", opset: null).Input("x", 1, 4).Output("y", 1, 4).Node("Relu", "r", ["x"], ["y"]);
        var integers = new OnnxModelWriter("g").Input("x", OnnxElementType.Int32, 1, 4).Output("y", 1, 4).Node("Relu", "r", ["x"], ["y"]);

        Assert.That(Rejected(twoOutputs, "two_outputs").Problem, Is.EqualTo("the graph has 2 outputs ('y', 'z'); CnnPerf runs models with exactly one"));
        Assert.That(Rejected(noOpset, "no_opset").Problem, Is.EqualTo("the model imports no version of the default ONNX operator set"));
        Assert.That(Rejected(integers, "int32").Problem, Is.EqualTo("input 'x' has element type Int32; CnnPerf runs float32 models"));
    }

    [Test]
    public void An_input_larger_than_a_tensor_is_too_large()
    {
        var writer = new OnnxModelWriter("huge").Input("x", 1, 3, 100000, 100000).Output("y").Node("Relu", "r", ["x"], ["y"]);

        var e = Rejected(writer, "huge");

        Assert.That(e.Message, Does.StartWith("model 'huge': input 'x' [1,3,100000,100000] is too large: 30,000,000,000 elements"));
    }

    [Test]
    public void Missing_corrupt_and_empty_files_give_one_clear_line()
    {
        var corrupt = Path.Combine(_directory, "corrupt.onnx");
        File.WriteAllBytes(corrupt, [0xFF, 0xFF, 0xFF, 0x0A, 0x13, 0x00]);

        Assert.That(Assert.Throws<OnnxModelException>(() => OnnxModel.Load(corrupt))!.Message, Does.StartWith("model 'corrupt': ").And.Contain("not a valid ONNX file"));
        Assert.That(Assert.Throws<OnnxModelException>(() => OnnxModel.Load(Path.Combine(_directory, "absent.onnx")))!.Message, Does.Contain("not found"));
        Assert.That(Rejected(new OnnxModelWriter("empty").Input("x", 1).Output("y"), "empty").Problem, Does.Contain("holds no graph nodes"));
    }

    [Test]
    public void Constant_nodes_with_scalar_and_list_attributes_are_constants()
    {
        var writer = new OnnxModelWriter("constants").Input("x", 1, 4).Output("y", 1, 4)
            .Node("Constant", "k", [], ["k"], OnnxAttribute.Of("value_float", 2f))
            .Node("Constant", "axes", [], ["axes"], OnnxAttribute.Of("value_ints", 1L, 2L))
            .Node("Mul", "mul", ["x", "k"], ["y"]);

        var model = Load(writer, "constants");

        Assert.That(model.Constant("k")!.ToFloats(), Is.EqualTo(new[] { 2f }));
        Assert.That(model.Constant("k")!.Dimensions, Is.Empty);
        Assert.That(model.Constant("axes")!.ToInt64s(), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public void Shapes_are_inferred_on_request_and_an_unknown_operator_names_its_node()
    {
        var writer = new OnnxModelWriter("topk").Input("x", 1, 4).Output("y", 1, 4).Node("Relu", "relu", ["x"], ["r"]).Node("Frobnicate", "frob", ["r"], ["y"]);

        var model = Load(writer, "topk");
        var e = Assert.Throws<OnnxModelException>(() => model.ShapeOf("y"))!;

        Assert.That(model.Nodes, Has.Count.EqualTo(2), "reading needs no shapes");
        Assert.That((e.NodeName, e.OpType), Is.EqualTo(("frob", "Frobnicate")));
        Assert.That(e.Message, Does.StartWith("model 'topk' at node 'frob' (op Frobnicate): "));
        Assert.That(model.OutputShape, Is.EqualTo(new CnnPerf.Backends.TensorShape(1, 4)), "the declared output shape needs no inference");
    }

    [Test]
    public void A_model_read_from_bytes_is_the_same_as_from_its_file()
    {
        var bytes = SmallModel().ToBytes();

        var model = OnnxModel.Read(bytes, "from_bytes");

        Assert.That(model.Nodes.Select(n => n.Label), Is.EqualTo(new[] { "conv", "r", "reshape" }));
        Assert.That(model.ShapeOf("y"), Is.EqualTo(new long[] { 1, 192 }));
    }
}
