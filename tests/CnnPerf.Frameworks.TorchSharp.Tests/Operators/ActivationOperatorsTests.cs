using CnnPerf.Frameworks.TorchSharp.Tests.Support;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Operators;

internal sealed class ActivationOperatorsTests : TorchSharpFixture
{
    [Test]
    public void Clip_reads_its_bounds_from_inputs_since_opset_11()
    {
        var graph = new TinyGraph([1, 2, 3, 3]);
        graph.Floats("low", [], [-0.25f]);
        graph.Floats("high", [], [0.5f]);
        graph.Node("Clip", ["x", "low", "high"], "y");
        AssertAgreesWithOnnxRuntime(graph, "clip_inputs", [1, 2, 3, 3]);
    }

    [Test]
    public void Clip_reads_its_bounds_from_attributes_before_opset_11()
    {
        var graph = new TinyGraph([1, 2, 3, 3], opset: 8);
        graph.Node("Clip", ["x"], "y", ("min", 0f), ("max", 0.6f));
        AssertAgreesWithOnnxRuntime(graph, "clip_attributes", [1, 2, 3, 3]);
    }

    [Test]
    public void Softmax_before_opset_13_normalises_the_input_coerced_to_2D()
    {
        var graph = new TinyGraph([2, 3, 4], opset: 11);
        graph.Node("Softmax", ["x"], "y", ("axis", 1L));
        AssertAgreesWithOnnxRuntime(graph, "softmax_2d", [2, 3, 4]);
    }

    [Test]
    public void Softmax_since_opset_13_normalises_one_axis()
    {
        var graph = new TinyGraph([2, 3, 4]);
        graph.Node("Softmax", ["x"], "y", ("axis", 1L));
        AssertAgreesWithOnnxRuntime(graph, "softmax_axis", [2, 3, 4]);
    }

    [Test]
    public void Relu_then_LeakyRelu_then_Sigmoid()
    {
        var graph = new TinyGraph([1, 4]);
        graph.Node("LeakyRelu", ["x"], "a", ("alpha", 0.2f)).Node("Sigmoid", ["a"], "b").Node("Relu", ["b"], "y");
        AssertAgreesWithOnnxRuntime(graph, "activations", [1, 4]);
    }
}
