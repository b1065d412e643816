using CnnPerf.Onnx;
using Google.Protobuf;

namespace CnnPerf.Core.Tests.Onnx;

public class OnnxShapeInferenceTests
{
    private static readonly Dictionary<string, TensorProto> NoConstants = [];

    private static NodeProto Node(string op, params string[] inputs)
    {
        var node = new NodeProto { OpType = op, Name = op.ToLowerInvariant() };
        node.Input.AddRange(inputs);
        node.Output.Add("y");
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } };

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static TensorProto Int64s(string name, params long[] values) =>
        new() { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, Dims = { values.Length }, Int64Data = { values } };

    [Test]
    public void Ceil_mode_pooling_rounds_up_as_Caffe_does()
    {
        var pool = Node("MaxPool", "x");
        pool.Attribute.Add([Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Int("ceil_mode", 1)]);
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 64, 112, 112] };

        Assert.That(OnnxShapeInference.InferNode(pool, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 64, 56, 56 }));
        pool.Attribute.RemoveAt(2);
        Assert.That(OnnxShapeInference.InferNode(pool, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 64, 55, 55 }));
    }

    [Test]
    public void Convolution_follows_pads_dilations_strides_and_auto_pad()
    {
        var conv = Node("Conv", "x", "w");
        conv.Attribute.Add([Ints("strides", 2, 2), Ints("pads", 0, 0, 1, 1), Ints("dilations", 2, 2)]);
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 8, 15, 15], ["w"] = [16, 8, 3, 3] };
        // (15 + 0 + 1 - (2 * 2 + 1)) / 2 + 1 = 6
        Assert.That(OnnxShapeInference.InferNode(conv, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 16, 6, 6 }));

        var same = Node("Conv", "x", "w");
        same.Attribute.Add([Ints("strides", 2, 2), String("auto_pad", "SAME_UPPER")]);
        Assert.That(OnnxShapeInference.InferNode(same, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 16, 8, 8 }));
    }

    [Test]
    public void Convolution_with_channels_that_do_not_match_the_weights_is_an_error()
    {
        var conv = Node("Conv", "x", "w");
        conv.Attribute.Add(Int("group", 2));
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 8, 5, 5], ["w"] = [8, 8, 3, 3] };

        var e = Assert.Throws<CnnPerfException>(() => OnnxShapeInference.InferNode(conv, shapes, NoConstants));

        Assert.That(e!.Message, Does.Contain("node 'conv' (Conv)").And.Contain("8 channels"));
    }

    [Test]
    public void Reshape_resolves_0_and_minus_1_from_a_constant_shape()
    {
        var reshape = Node("Reshape", "x", "shape");
        var shapes = new Dictionary<string, long[]> { ["x"] = [2, 512, 7, 7], ["shape"] = [2] };
        var constants = new Dictionary<string, TensorProto> { ["shape"] = Int64s("shape", 0, -1) };

        Assert.That(OnnxShapeInference.InferNode(reshape, shapes, constants)[0], Is.EqualTo(new long[] { 2, 512 * 49 }));
    }

    [Test]
    public void Broadcasting_arithmetic_takes_the_larger_dimensions()
    {
        var mul = Node("Mul", "x", "scale");
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 3, 224, 224], ["scale"] = [3, 1, 1] };

        Assert.That(OnnxShapeInference.InferNode(mul, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 3, 224, 224 }));
        shapes["scale"] = [4, 1, 1];
        Assert.Throws<CnnPerfException>(() => OnnxShapeInference.InferNode(mul, shapes, NoConstants));
    }

    [Test]
    public void Concat_Gemm_Flatten_Pad_and_Unsqueeze_give_their_shapes()
    {
        var shapes = new Dictionary<string, long[]> { ["a"] = [1, 64, 28, 28], ["b"] = [1, 32, 28, 28], ["v"] = [1, 1024], ["w"] = [1000, 1024] };
        var concat = Node("Concat", "a", "b", "a");
        concat.Attribute.Add(Int("axis", -3));
        var gemm = Node("Gemm", "v", "w");
        gemm.Attribute.Add(Int("transB", 1));
        var flatten = Node("Flatten", "a");
        flatten.Attribute.Add(Int("axis", 2));
        var pad = Node("Pad", "a");
        pad.Attribute.Add(Ints("pads", 0, 0, 1, 2, 0, 0, 3, 4));
        var unsqueeze = Node("Unsqueeze", "v");
        unsqueeze.Attribute.Add(Ints("axes", 2, 3));

        Assert.That(OnnxShapeInference.InferNode(concat, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 160, 28, 28 }));
        Assert.That(OnnxShapeInference.InferNode(gemm, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 1000 }));
        Assert.That(OnnxShapeInference.InferNode(flatten, shapes, NoConstants)[0], Is.EqualTo(new long[] { 64, 784 }));
        Assert.That(OnnxShapeInference.InferNode(pad, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 64, 32, 34 }));
        Assert.That(OnnxShapeInference.InferNode(unsqueeze, shapes, NoConstants)[0], Is.EqualTo(new long[] { 1, 1024, 1, 1 }));
    }

    [Test]
    public void A_graph_with_a_symbolic_batch_counts_it_as_1()
    {
        var graph = new GraphProto();
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 10 });
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } });
        graph.Node.Add(Node("Softmax", "x"));

        var shapes = OnnxShapeInference.Infer(graph);

        Assert.That(shapes["y"], Is.EqualTo(new long[] { 1, 10 }));
    }

    [Test]
    public void An_unknown_operator_names_the_node_and_op()
    {
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 3] };

        var e = Assert.Throws<CnnPerfException>(() => OnnxShapeInference.InferNode(Node("TopK", "x"), shapes, NoConstants));

        Assert.That(e!.Message, Does.Contain("'topk'").And.Contain("'TopK'"));
    }
}
