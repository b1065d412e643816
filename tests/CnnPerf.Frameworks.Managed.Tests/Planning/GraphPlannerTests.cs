using CnnPerf.Frameworks.Managed.Layers;
using CnnPerf.Frameworks.Managed.Planning;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed.Tests.Planning;

/// <summary>Planning only: the layers, value table and aliases of small graphs (no inference runs).</summary>
public sealed class GraphPlannerTests
{
    private static readonly OnnxAttribute Pad1 = OnnxAttribute.Of("pads", 1L, 1L, 1L, 1L);

    private static OnnxTensor Weights(string name, params long[] dims) =>
        OnnxTensor.FromFloats(name, dims, [.. Enumerable.Range(0, (int)dims.Aggregate(1L, (a, b) => a * b)).Select(i => (i % 7 - 3) / 10f)]);

    private static OnnxModel Read(OnnxModelWriter writer) => OnnxModel.Read(writer.ToBytes(), "planned");

    private static GraphPlan Plan(OnnxModelWriter writer, ConvolutionTechnique technique = ConvolutionTechnique.Auto) =>
        GraphPlanner.Plan(Read(writer), technique);

    private static void Dispose(GraphPlan plan)
    {
        foreach (var layer in plan.Layers)
        {
            layer.Dispose();
        }
    }

    [Test]
    public void Batch_norm_a_residual_add_and_the_activation_fuse_into_the_convolution()
    {
        var writer = new OnnxModelWriter("g").Input("x", 1, 4, 6, 6).Output("y", 1, 4, 6, 6)
            .Initializer(Weights("w", 4, 4, 3, 3))
            .Initializer(Weights("scale", 4)).Initializer(Weights("bias", 4)).Initializer(Weights("mean", 4))
            .Initializer(OnnxTensor.FromFloats("var", [4], [1f, 1f, 1f, 1f]))
            .Node("Conv", "conv", ["x", "w"], ["c"], Pad1)
            .Node("BatchNormalization", "bn", ["c", "scale", "bias", "mean", "var"], ["b"])
            .Node("Add", "add", ["b", "x"], ["s"])
            .Node("Relu", "relu", ["s"], ["y"]);

        var plan = Plan(writer);

        Assert.That(plan.Layers.Select(l => (l.NodeName, l.OpType)), Is.EqualTo(new[] { ("conv", "Conv+BatchNormalization+Add+Relu") }));
        Assert.That(plan.Layers[0].Inputs, Is.EqualTo(new[] { plan.Input, plan.Input }), "the residual is the graph input");
        Assert.That(plan.Shapes[plan.Output], Is.EqualTo(new[] { 1, 4, 6, 6 }));
        Dispose(plan);
    }

    [Test]
    public void Flatten_Reshape_and_Dropout_are_aliases_of_their_input_with_the_view_s_shapes()
    {
        var writer = new OnnxModelWriter("g").Input("x", 1, 2, 3, 4).Output("y", 2, 12)
            .Initializer(OnnxTensor.FromInt64s("shape", [2], [2, -1]))
            .Node("Relu", "relu", ["x"], ["r"])
            .Node("Flatten", "flatten", ["r"], ["f"])
            .Node("Dropout", "dropout", ["f"], ["d"])
            .Node("Reshape", "reshape", ["d", "shape"], ["y"]);

        var plan = Plan(writer);

        Assert.That(plan.Layers.Select(l => l.OpType), Is.EqualTo(new[] { "Relu" }));
        var relu = plan.Layers[0].Output;
        Assert.That(plan.Roots[plan.Output], Is.EqualTo(relu));
        Assert.That(plan.Shapes[plan.Output], Is.EqualTo(new[] { 2, 12 }));
        Dispose(plan);
    }

    [Test]
    public void A_concatenation_of_values_that_only_it_reads_is_written_in_place_otherwise_copied()
    {
        var inPlace = new OnnxModelWriter("g").Input("x", 1, 2, 4, 4).Output("y", 1, 4, 4, 4)
            .Node("Relu", "a", ["x"], ["a"])
            .Node("Clip", "b", ["x"], ["b"])
            .Node("Concat", "cat", ["a", "b"], ["c"], OnnxAttribute.Of("axis", 1))
            .Node("Relu", "y", ["c"], ["y"]);
        var withInput = new OnnxModelWriter("g").Input("x", 1, 2, 4, 4).Output("y", 1, 4, 4, 4)
            .Node("Relu", "a", ["x"], ["a"])
            .Node("Concat", "cat", ["a", "x"], ["c"], OnnxAttribute.Of("axis", 1))
            .Node("Relu", "y", ["c"], ["y"]);

        var written = Plan(inPlace);
        var copied = Plan(withInput);

        var (a, b) = (written.Layers.Single(l => l.NodeName == "a").Output, written.Layers.Single(l => l.NodeName == "b").Output);
        Assert.That(written.Layers, Has.None.InstanceOf<ConcatLayer>());
        Assert.That(written.Roots[a], Is.EqualTo(written.Roots[b]).And.Not.EqualTo(a), "both write into the concatenation's memory");
        Assert.That((written.Offsets[a], written.Offsets[b]), Is.EqualTo((0L, 32L)));
        Assert.That(copied.Layers, Has.One.InstanceOf<ConcatLayer>(), "the graph input is not computed by a layer: it is copied");
        Dispose(written);
        Dispose(copied);
    }

    [Test]
    public void Same_upper_padding_comes_from_the_spatial_window()
    {
        var writer = new OnnxModelWriter("g").Input("x", 1, 2, 9, 9).Output("y", 1, 3, 5, 5)
            .Initializer(Weights("w", 3, 2, 4, 4))
            .Node("Conv", "conv", ["x", "w"], ["y"], OnnxAttribute.Of("auto_pad", "SAME_UPPER"), OnnxAttribute.Of("strides", 2L, 2L));

        var plan = Plan(writer);

        var geometry = ((ConvolutionLayer)plan.Layers.Single()).Kernel.Geometry;
        Assert.That((geometry.PadTop, geometry.PadLeft, geometry.PadBottom, geometry.PadRight), Is.EqualTo((1, 1, 2, 2)));
        Assert.That((geometry.OutHeight, geometry.OutWidth), Is.EqualTo((5, 5)));
        Dispose(plan);
    }

    [Test]
    public void A_constant_input_becomes_a_constant_value()
    {
        var writer = new OnnxModelWriter("g").Input("x", 1, 3).Output("y", 1, 3)
            .Initializer(OnnxTensor.FromFloats("k", [1, 3], [1f, 2f, 3f]))
            .Node("Add", "add", ["x", "k"], ["y"]);

        var plan = Plan(writer);

        var add = plan.Layers.Single();
        Assert.That(plan.Constants[add.Inputs[1]], Is.EqualTo(new[] { 1f, 2f, 3f }));
        Dispose(plan);
    }

    [Test]
    public void An_unsupported_operator_or_attribute_names_its_node()
    {
        var unsupported = new OnnxModelWriter("g").Input("x", 1, 4).Output("y", 1, 4).Node("Relu", "r", ["x"], ["r"]).Node("Tanh", "tanh", ["r"], ["y"]);
        var dilatedPool = new OnnxModelWriter("g").Input("x", 1, 1, 8, 8).Output("y")
            .Node("MaxPool", "pool", ["x"], ["y"], OnnxAttribute.Of("kernel_shape", 2L, 2L), OnnxAttribute.Of("dilations", 2L, 2L));

        var operatorError = Assert.Throws<PlanningException>(() => Plan(unsupported))!;
        var attributeError = Assert.Throws<PlanningException>(() => Plan(dilatedPool))!;

        Assert.That((operatorError.Node?.Label, operatorError.Message), Is.EqualTo(("tanh", "operator not supported by the managed engine")));
        Assert.That((attributeError.Node?.Label, attributeError.Message), Is.EqualTo(("pool", "pooling needs a 2-D kernel_shape and no dilation")));
    }
}
