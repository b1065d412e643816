using CnnPerf.Features;
using CnnPerf.Onnx;

namespace CnnPerf.Core.Tests.Features;

public class ModelFeatureExtractorTests
{
    // input [1,3,8,8] -> conv 3x3 (4, bias) -> bn -> relu -> depthwise 3x3/2 (no bias) -> relu6 -> relu6
    // -> global average pool -> flatten -> fc 10. Every figure below is worked out by hand.
    private static ModelFeatures TinyNetwork()
    {
        var b = new OnnxGraphBuilder("tiny", seed: 1);
        var x = b.Input("input", 1, 3, 8, 8);
        x = b.Relu(b.BatchNormalization(b.Conv(x, 4, 3, pad: 1)));
        x = b.Relu6(b.Relu6(b.Conv(x, 4, 3, stride: 2, pad: 1, groups: 4, bias: false)));
        x = b.Gemm(b.Flatten(b.GlobalAveragePool(x)), 10);
        return ModelFeatureExtractor.Extract(b.Output(x).Build(), "tiny");
    }

    [Test]
    public void A_convolution_has_its_MACs_parameters_bytes_and_window()
    {
        var conv = TinyNetwork().Layers[0];

        Assert.That(conv.NodeName, Is.EqualTo("conv_1"));
        Assert.That(conv.OpType, Is.EqualTo("Conv"));
        Assert.That(conv.Macs, Is.EqualTo(4 * 8 * 8 * (3 * 3 * 3)));
        Assert.That(conv.Parameters, Is.EqualTo(4 * 3 * 3 * 3 + 4));
        Assert.That(conv.WeightBytes, Is.EqualTo((4 * 3 * 3 * 3 + 4) * 4));
        Assert.That(conv.InputActivationBytes, Is.EqualTo(3 * 8 * 8 * 4));
        Assert.That(conv.OutputActivationBytes, Is.EqualTo(4 * 8 * 8 * 4));
        Assert.That(conv.InputShape, Is.EqualTo(new long[] { 1, 3, 8, 8 }));
        Assert.That(conv.OutputShape, Is.EqualTo(new long[] { 1, 4, 8, 8 }));
        Assert.That(conv.KernelShape, Is.EqualTo(new long[] { 3, 3 }));
        Assert.That(conv.Strides, Is.EqualTo(new long[] { 1, 1 }));
        Assert.That(conv.Groups, Is.EqualTo(1));
    }

    [Test]
    public void Batch_norm_counts_scale_and_shift_as_parameters_and_its_statistics_as_weight_bytes()
    {
        var bn = TinyNetwork().Layers[1];

        Assert.That(bn.OpType, Is.EqualTo("BatchNormalization"));
        Assert.That(bn.Macs, Is.Zero);
        Assert.That(bn.Parameters, Is.EqualTo(2 * 4));
        Assert.That(bn.WeightBytes, Is.EqualTo(4 * 4 * 4));
    }

    [Test]
    public void A_depthwise_convolution_has_one_input_channel_per_group()
    {
        var depthwise = TinyNetwork().Layers[3];

        Assert.That(depthwise.Groups, Is.EqualTo(4));
        Assert.That(depthwise.OutputShape, Is.EqualTo(new long[] { 1, 4, 4, 4 }));
        Assert.That(depthwise.Macs, Is.EqualTo(4 * 4 * 4 * (1 * 3 * 3)));
        Assert.That(depthwise.Parameters, Is.EqualTo(4 * 1 * 3 * 3));
        Assert.That(depthwise.Strides, Is.EqualTo(new long[] { 2, 2 }));
    }

    [Test]
    public void Clip_bounds_are_constants_but_not_parameters_and_count_once_in_the_totals()
    {
        var features = TinyNetwork();
        var clips = features.Layers.Where(l => l.OpType == "Clip").ToList();

        Assert.That(clips, Has.Count.EqualTo(2));
        Assert.That(clips.Select(c => c.Parameters), Is.All.Zero);
        Assert.That(clips.Select(c => c.WeightBytes), Is.All.EqualTo(2 * 4));
        Assert.That(features.WeightBytes, Is.EqualTo((112 + 4 * 4 + 36 + 2 + 50) * 4));
    }

    [Test]
    public void Pooling_flatten_and_the_fully_connected_layer_have_their_shapes_and_costs()
    {
        var layers = TinyNetwork().Layers;
        var pool = layers.Single(l => l.OpType == "GlobalAveragePool");
        var fc = layers.Single(l => l.OpType == "Gemm");

        Assert.That(pool.KernelShape, Is.EqualTo(new long[] { 4, 4 }));
        Assert.That(pool.OutputShape, Is.EqualTo(new long[] { 1, 4, 1, 1 }));
        Assert.That(layers.Single(l => l.OpType == "Flatten").OutputShape, Is.EqualTo(new long[] { 1, 4 }));
        Assert.That(fc.Macs, Is.EqualTo(4 * 10));
        Assert.That(fc.Parameters, Is.EqualTo(4 * 10 + 10));
        Assert.That(fc.OutputShape, Is.EqualTo(new long[] { 1, 10 }));
        Assert.That(fc.KernelShape, Is.Empty);
    }

    [Test]
    public void Totals_add_up_the_layers()
    {
        var features = TinyNetwork();

        Assert.That(features.Name, Is.EqualTo("tiny"));
        Assert.That(features.InputName, Is.EqualTo("input"));
        Assert.That(features.InputShape, Is.EqualTo(new long[] { 1, 3, 8, 8 }));
        Assert.That(features.OutputName, Is.EqualTo("fc_1"));
        Assert.That(features.OutputShape, Is.EqualTo(new long[] { 1, 10 }));
        Assert.That(features.Parameters, Is.EqualTo(112 + 8 + 36 + 50));
        Assert.That(features.Macs, Is.EqualTo(6912 + 576 + 40));
        Assert.That(features.ActivationBytes, Is.EqualTo(features.Layers.Sum(l => l.OutputActivationBytes)));
        Assert.That(features.LayerCounts["Conv"], Is.EqualTo(2));
        Assert.That(features.LayerCounts["Clip"], Is.EqualTo(2));
    }

    [Test]
    public void An_operator_without_shape_rules_names_the_model_node_and_op()
    {
        var model = new OnnxModelWriter("odd").Input("input", 1, 3, 4, 4).Output("y", 1, 3, 4, 4)
            .Node("NonMaxSuppression", "relu_1", ["input"], ["y"]).ToBytes();

        var e = Assert.Throws<OnnxModelException>(() => ModelFeatureExtractor.Extract(model, "odd"));

        Assert.That(e!.Message, Does.Contain("odd").And.Contain("relu_1").And.Contain("NonMaxSuppression"));
    }
}
