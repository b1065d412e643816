using CnnPerf.Frameworks.TorchSharp.Tests.Support;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Operators;

internal sealed class PoolingOperatorsTests : TorchSharpFixture
{
    [Test]
    public void MaxPool_with_ceil_mode_keeps_the_partial_last_window()
    {
        var graph = new TinyGraph([1, 2, 10, 10]);
        graph.Node("MaxPool", ["x"], "y", ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("ceil_mode", 1L));
        // ceil((10 - 3) / 2) + 1 = 5 (floor mode would give 4).
        AssertAgreesWithOnnxRuntime(graph, "maxpool_ceil", [1, 2, 5, 5]);
    }

    // Pads 1 before, 0 after give the windows of symmetric padding 1 (torch pads); 0 before, 1 after do not (explicit pad).
    [TestCase(new long[] { 1, 1, 0, 0 })]
    [TestCase(new long[] { 0, 0, 1, 1 })]
    public void MaxPool_with_asymmetric_pads_matches_onnxruntime(long[] pads)
    {
        var graph = new TinyGraph([1, 2, 8, 8]);
        graph.Node("MaxPool", ["x"], "y", ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("pads", pads));
        AssertAgreesWithOnnxRuntime(graph, $"maxpool_asymmetric_{pads[0]}", [1, 2, 4, 4]);
    }

    [TestCase(0L)]
    [TestCase(1L)]
    public void AveragePool_with_asymmetric_pads_counts_padding_as_told(long countIncludePad)
    {
        var graph = new TinyGraph([1, 2, 7, 7]);
        graph.Node("AveragePool", ["x"], "y", ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }),
            ("pads", new long[] { 0, 1, 2, 1 }), ("count_include_pad", countIncludePad));
        AssertAgreesWithOnnxRuntime(graph, $"avgpool_asymmetric_{countIncludePad}", [1, 2, 4, 4]);
    }

    [TestCase(0L)]
    [TestCase(1L)]
    public void AveragePool_with_symmetric_pads_counts_padding_as_told(long countIncludePad)
    {
        var graph = new TinyGraph([1, 2, 6, 6]);
        graph.Node("AveragePool", ["x"], "y", ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 1, 1 }),
            ("count_include_pad", countIncludePad));
        AssertAgreesWithOnnxRuntime(graph, $"avgpool_symmetric_{countIncludePad}", [1, 2, 6, 6]);
    }

    [Test]
    public void GlobalAveragePool_averages_each_channel()
    {
        var graph = new TinyGraph([2, 3, 5, 4]);
        graph.Node("GlobalAveragePool", ["x"], "y");
        AssertAgreesWithOnnxRuntime(graph, "global_average_pool", [2, 3, 1, 1]);
    }
}
