using CnnPerf.Analysis;
using CnnPerf.Features;
using CnnPerf.Modeling;

namespace CnnPerf.Core.Tests.Modeling;

public sealed class LayerTimingMatcherTests
{
    private static readonly LayerFeatures[] Layers =
    [
        Layer("stem/conv_1", "Conv"), Layer("stem/bn_1", "BatchNormalization"), Layer("stem/relu_1", "Relu"),
        Layer("stem/maxpool_1", "MaxPool"), Layer("fc", "Gemm"),
    ];

    [Test]
    public void FusedOnnxRuntimeNodesGoToTheHeadOfTheirChain()
    {
        var key = new ConfigurationKey("m", "onnxruntime", 1);
        var (ms, unmatched, unmatchedMs) = LayerTimingMatcher.Attribute(Layers,
        [
            new LayerTimingRecord(key, "stem/relu_1_nchwc", "Conv", 5.0),
            new LayerTimingRecord(key, "stem/maxpool_1_nchwc", "MaxPool", 1.0),
            new LayerTimingRecord(key, "fused fc", "FusedGemm", 0.5),
            new LayerTimingRecord(key, "ReorderOutput", "ReorderOutput", 0.25),
        ]);
        Assert.That(ms, Is.EqualTo(new[] { 5.0, 0, 0, 1.0, 0.5 }));
        Assert.That((unmatched, unmatchedMs), Is.EqualTo((1, 0.25)));
    }

    [Test]
    public void ExactNamesMatchAsTheyAre()
    {
        var key = new ConfigurationKey("m", "opencv", 1);
        var (ms, unmatched, _) = LayerTimingMatcher.Attribute(Layers,
            [new LayerTimingRecord(key, "stem/relu_1", "Relu", 0.3), new LayerTimingRecord(key, "stem/bn_1", "BatchNormalization", 0.2)]);
        Assert.That(ms, Is.EqualTo(new[] { 0, 0.2, 0.3, 0, 0 }));
        Assert.That(unmatched, Is.Zero);
    }

    private static LayerFeatures Layer(string name, string op) => new(name, op, 0, 0, 0, 0, 0, [], [], [], [], 1);
}
