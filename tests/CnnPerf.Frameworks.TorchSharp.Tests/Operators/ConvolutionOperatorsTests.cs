using CnnPerf.Frameworks.TorchSharp.Tests.Support;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Operators;

internal sealed class ConvolutionOperatorsTests : TorchSharpFixture
{
    [Test]
    public void Conv_with_asymmetric_pads_and_stride_matches_onnxruntime()
    {
        var graph = new TinyGraph([1, 3, 11, 11]);
        graph.Node("Conv", ["x", graph.Weights("w", 4, 3, 3, 3), graph.Weights("b", 4)], "y",
            ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 2, 0, 1 }));
        // H: (11 + 1 + 0 - 3) / 2 + 1 = 5; W: (11 + 2 + 1 - 3) / 2 + 1 = 6.
        AssertAgreesWithOnnxRuntime(graph, "conv_asymmetric", [1, 4, 5, 6]);
    }

    [Test]
    public void Conv_with_asymmetric_pads_that_symmetric_padding_reproduces_matches_onnxruntime()
    {
        // The CNTK ResNet-18 stem: pads 3 before and 2 after give the same 6 windows as 3 on both sides.
        var graph = new TinyGraph([1, 3, 12, 12]);
        graph.Node("Conv", ["x", graph.Weights("w", 4, 3, 7, 7)], "y",
            ("kernel_shape", new long[] { 7, 7 }), ("strides", new long[] { 2, 2 }), ("pads", new long[] { 3, 3, 2, 2 }));
        AssertAgreesWithOnnxRuntime(graph, "conv_asymmetric_equivalent", [1, 4, 6, 6]);
    }

    [Test]
    public void Grouped_dilated_conv_without_bias_matches_onnxruntime()
    {
        var graph = new TinyGraph([1, 4, 9, 9]);
        graph.Node("Conv", ["x", graph.Weights("w", 6, 2, 3, 3)], "y",
            ("group", 2L), ("dilations", new long[] { 2, 2 }), ("pads", new long[] { 2, 2, 2, 2 }));
        AssertAgreesWithOnnxRuntime(graph, "conv_grouped_dilated", [1, 6, 9, 9]);
    }

    [Test]
    public void Depthwise_conv_with_same_upper_auto_pad_matches_onnxruntime()
    {
        var graph = new TinyGraph([1, 3, 8, 8]);
        graph.Node("Conv", ["x", graph.Weights("w", 3, 1, 4, 4), graph.Weights("b", 3)], "y",
            ("group", 3L), ("strides", new long[] { 2, 2 }), ("auto_pad", "SAME_UPPER"));
        AssertAgreesWithOnnxRuntime(graph, "conv_same_upper", [1, 3, 4, 4]);
    }
}
