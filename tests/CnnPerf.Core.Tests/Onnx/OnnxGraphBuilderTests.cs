using CnnPerf.Onnx;

namespace CnnPerf.Core.Tests.Onnx;

public class OnnxGraphBuilderTests
{
    private static byte[] SmallNetwork(long seed)
    {
        var b = new OnnxGraphBuilder("small", seed);
        var x = b.Input("input", 1, 16, 32, 32);
        using (b.Scope("stage"))
        {
            x = b.Relu(b.BatchNormalization(b.Conv(x, 256, 3, pad: 1, bias: false)));
        }
        return b.Output(b.Gemm(b.Flatten(b.GlobalAveragePool(x)), 10)).Build();
    }

    private static float[] Initializer(byte[] model, string name) => OnnxModel.Read(model, "m").Constant(name)!.ToFloats();

    [Test]
    public void The_model_is_opset_13_with_named_nodes_a_declared_input_and_one_output()
    {
        var model = OnnxModel.Read(SmallNetwork(1), "small");

        Assert.That(model.Opset, Is.EqualTo(13));
        Assert.That(ModelProto.Parser.ParseFrom(SmallNetwork(1)).IrVersion, Is.EqualTo(7));
        Assert.That(model.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "stage/conv_1", "stage/bn_1", "stage/relu_1", "gap_1", "flatten_1", "fc_1" }));
        Assert.That(model.Input.Name, Is.EqualTo("input"));
        Assert.That(model.Output.Name, Is.EqualTo("fc_1"));
        Assert.That(model.Output.Dimensions, Is.EqualTo(new OnnxDimension[] { 1, 10 }));
    }

    [Test]
    public void Convolution_weights_are_He_uniform()
    {
        var weights = Initializer(SmallNetwork(3), "stage/conv_1.weight");
        var mean = weights.Average();
        var deviation = Math.Sqrt(weights.Select(w => (w - mean) * (w - mean)).Average());

        Assert.That(weights, Has.Length.EqualTo(256 * 16 * 3 * 3));
        Assert.That(mean, Is.EqualTo(0).Within(0.005));
        var heDeviation = Math.Sqrt(2.0 / (16 * 9));
        Assert.That(deviation, Is.EqualTo(heDeviation).Within(0.02 * heDeviation));
        Assert.That(weights.Select(Math.Abs).Max(), Is.LessThanOrEqualTo(Math.Sqrt(3) * heDeviation).And.GreaterThan(0.99 * Math.Sqrt(3) * heDeviation));
    }

    [Test]
    public void Batch_norm_statistics_are_realistic()
    {
        var model = SmallNetwork(3);
        var mean = Initializer(model, "stage/bn_1.mean");
        var variance = Initializer(model, "stage/bn_1.var");
        var scale = Initializer(model, "stage/bn_1.scale");

        Assert.That(mean.Average(), Is.EqualTo(0).Within(0.05));
        Assert.That(mean.Select(Math.Abs).Max(), Is.LessThan(0.6));
        Assert.That(variance, Has.All.InRange(0.3f, 3f));
        Assert.That(variance.Average(), Is.EqualTo(1).Within(0.1));
        Assert.That(scale.Average(), Is.EqualTo(1).Within(0.05));
        Assert.That(variance.Distinct().Count(), Is.EqualTo(256), "statistics have a seeded spread");
    }

    [Test]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_weights()
    {
        Assert.That(SmallNetwork(9), Is.EqualTo(SmallNetwork(9)));
        Assert.That(Initializer(SmallNetwork(10), "fc_1.weight"), Is.Not.EqualTo(Initializer(SmallNetwork(9), "fc_1.weight")));
    }

    [Test]
    public void Relu6_is_a_Clip_with_shared_bound_inputs()
    {
        var b = new OnnxGraphBuilder("clip", 1);
        var x = b.Relu6(b.Relu6(b.Input("input", 1, 2)));
        var model = b.Output(x).Build();
        var graph = OnnxModel.Read(model, "clip");

        Assert.That(graph.Nodes.Select(n => n.OpType), Is.All.EqualTo("Clip"));
        Assert.That(graph.Nodes.Select(n => n.Inputs[1]).Distinct().Single(), Is.EqualTo("relu6.min"));
        Assert.That(Initializer(model, "relu6.min"), Is.EqualTo(new[] { 0f }));
        Assert.That(Initializer(model, "relu6.max"), Is.EqualTo(new[] { 6f }));
    }

    [Test]
    public void Groups_that_do_not_divide_the_channels_are_rejected()
    {
        var b = new OnnxGraphBuilder("bad", 1);
        var x = b.Input("input", 1, 6, 8, 8);

        var e = Assert.Throws<ArgumentException>(() => b.Conv(x, 8, 3, groups: 4));

        Assert.That(e!.Message, Does.Contain("groups 4"));
    }

    [Test]
    public void A_window_larger_than_the_input_fails_when_the_layer_is_added()
    {
        var b = new OnnxGraphBuilder("bad", 1);
        var x = b.Input("input", 1, 3, 4, 4);

        var e = Assert.Throws<OnnxModelException>(() => b.Conv(x, 8, 7));

        Assert.That(e!.Message, Does.Contain("conv_1"));
    }

    [Test]
    public void A_graph_without_output_cannot_be_built_and_a_built_one_not_extended()
    {
        var b = new OnnxGraphBuilder("g", 1);
        var x = b.Relu(b.Input("input", 1, 4));
        Assert.Throws<InvalidOperationException>(() => b.Build());

        b.Output(x).Build();

        Assert.Throws<InvalidOperationException>(() => b.Relu(x));
        Assert.Throws<InvalidOperationException>(() => b.Build());
    }
}
