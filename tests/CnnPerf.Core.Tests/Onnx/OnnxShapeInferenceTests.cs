using CnnPerf.Onnx;

namespace CnnPerf.Core.Tests.Onnx;

public class OnnxShapeInferenceTests
{
    private static OnnxNode Node(string op, string[] inputs, params OnnxAttribute[] attributes) => Node(op, inputs, [], attributes);

    private static OnnxNode Node(string op, string[] inputs, Dictionary<string, OnnxTensor> constants, params OnnxAttribute[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = op.ToLowerInvariant() };
        node.Input.AddRange(inputs);
        node.Output.Add("y");
        node.Attribute.AddRange(attributes.Select(a => a.Proto));
        return new OnnxNode(node, 0, constants.GetValueOrDefault);
    }

    private static long[] Infer(OnnxNode node, Dictionary<string, long[]> shapes) => OnnxShapeInference.InferNode(node, shapes)[0];

    [Test]
    public void Ceil_mode_pooling_rounds_up_as_Caffe_does()
    {
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 64, 112, 112] };
        OnnxAttribute[] window = [OnnxAttribute.Of("kernel_shape", 3L, 3L), OnnxAttribute.Of("strides", 2L, 2L)];

        Assert.That(Infer(Node("MaxPool", ["x"], [.. window, OnnxAttribute.Of("ceil_mode", 1)]), shapes), Is.EqualTo(new long[] { 1, 64, 56, 56 }));
        Assert.That(Infer(Node("MaxPool", ["x"], window), shapes), Is.EqualTo(new long[] { 1, 64, 55, 55 }));
    }

    [Test]
    public void Convolution_follows_pads_dilations_strides_and_auto_pad()
    {
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 8, 15, 15], ["w"] = [16, 8, 3, 3] };
        var conv = Node("Conv", ["x", "w"], OnnxAttribute.Of("strides", 2L, 2L), OnnxAttribute.Of("pads", 0L, 0L, 1L, 1L), OnnxAttribute.Of("dilations", 2L, 2L));
        // (15 + 0 + 1 - (2 * 2 + 1)) / 2 + 1 = 6
        Assert.That(Infer(conv, shapes), Is.EqualTo(new long[] { 1, 16, 6, 6 }));

        var same = Node("Conv", ["x", "w"], OnnxAttribute.Of("strides", 2L, 2L), OnnxAttribute.Of("auto_pad", "SAME_UPPER"));
        Assert.That(Infer(same, shapes), Is.EqualTo(new long[] { 1, 16, 8, 8 }));
    }

    [Test]
    public void Convolution_with_channels_that_do_not_match_the_weights_is_an_error()
    {
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 8, 5, 5], ["w"] = [8, 8, 3, 3] };

        var e = Assert.Throws<CnnPerfException>(() => Infer(Node("Conv", ["x", "w"], OnnxAttribute.Of("group", 2)), shapes));

        Assert.That(e!.Message, Does.Contain("8 channels"));
    }

    [Test]
    public void Reshape_resolves_0_and_minus_1_from_a_constant_shape()
    {
        var shapes = new Dictionary<string, long[]> { ["x"] = [2, 512, 7, 7], ["shape"] = [2] };
        var constants = new Dictionary<string, OnnxTensor> { ["shape"] = OnnxTensor.FromInt64s("shape", [2], [0, -1]) };

        Assert.That(Infer(Node("Reshape", ["x", "shape"], constants), shapes), Is.EqualTo(new long[] { 2, 512 * 49 }));
    }

    [Test]
    public void Broadcasting_arithmetic_takes_the_larger_dimensions()
    {
        var mul = Node("Mul", ["x", "scale"]);
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 3, 224, 224], ["scale"] = [3, 1, 1] };

        Assert.That(Infer(mul, shapes), Is.EqualTo(new long[] { 1, 3, 224, 224 }));
        shapes["scale"] = [4, 1, 1];
        Assert.Throws<CnnPerfException>(() => Infer(mul, shapes));
    }

    [Test]
    public void Concat_Gemm_Flatten_Pad_and_Unsqueeze_give_their_shapes()
    {
        var shapes = new Dictionary<string, long[]> { ["a"] = [1, 64, 28, 28], ["b"] = [1, 32, 28, 28], ["v"] = [1, 1024], ["w"] = [1000, 1024] };

        Assert.That(Infer(Node("Concat", ["a", "b", "a"], OnnxAttribute.Of("axis", -3)), shapes), Is.EqualTo(new long[] { 1, 160, 28, 28 }));
        Assert.That(Infer(Node("Gemm", ["v", "w"], OnnxAttribute.Of("transB", 1)), shapes), Is.EqualTo(new long[] { 1, 1000 }));
        Assert.That(Infer(Node("Flatten", ["a"], OnnxAttribute.Of("axis", 2)), shapes), Is.EqualTo(new long[] { 64, 784 }));
        Assert.That(Infer(Node("Pad", ["a"], OnnxAttribute.Of("pads", 0L, 0L, 1L, 2L, 0L, 0L, 3L, 4L)), shapes), Is.EqualTo(new long[] { 1, 64, 32, 34 }));
        Assert.That(Infer(Node("Unsqueeze", ["v"], OnnxAttribute.Of("axes", 2L, 3L)), shapes), Is.EqualTo(new long[] { 1, 1024, 1, 1 }));
    }

    [Test]
    public void An_unknown_operator_is_named()
    {
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 3] };

        var e = Assert.Throws<CnnPerfException>(() => Infer(Node("TopK", ["x"]), shapes));

        Assert.That(e!.Message, Does.Contain("'TopK'"));
    }
}
