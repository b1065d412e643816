using CnnPerf.Features;

namespace CnnPerf.Core.Tests.Models;

/// <summary>Each zoo network has the parameter and multiply-accumulate counts published for its architecture.</summary>
public class PublishedArchitectureTests
{
    // Published figures at 224x224 for 1000 classes: parameters (millions), MACs (billions).
    [TestCase("resnet18", 11.69, 1.82)]
    [TestCase("resnet50", 25.56, 4.1)]
    [TestCase("mobilenet_v2", 3.50, 0.30)]
    [TestCase("mobilenet_v1", 4.23, 0.57)]
    [TestCase("squeezenet1_1", 1.24, 0.35)]
    [TestCase("alexnet", 61.1, 0.72)]
    public void Parameters_within_1_percent_and_MACs_within_5_percent_of_the_published_figures(string name, double millionParameters, double billionMacs)
    {
        var features = Features(name);

        Assert.That(features.Parameters, Is.EqualTo(millionParameters * 1e6).Within(0.01 * millionParameters * 1e6), "parameters");
        Assert.That(features.Macs, Is.EqualTo(billionMacs * 1e9).Within(0.05 * billionMacs * 1e9), "MACs");
    }

    [Test]
    public void GoogLeNet_has_the_published_parameters_and_the_layer_costs_of_the_paper()
    {
        var features = Features("googlenet");

        // Published between 6.6 M (without biases) and 7.0 M (the reference Caffe model, biases included).
        Assert.That(features.Parameters, Is.InRange(6.6e6, 7.0e6), "parameters");
        // Szegedy et al. 2014, Table 1 ("ops", millions): every stage after the first convolution. The table's
        // total of 1.5 G counts the first 7x7 convolution as 34 M where its 112x112x64x(7x7x3) MACs are 118 M,
        // so the whole network has about 1.58 G. The per-stage figures are rounded (5a: 51.1 M against 54 M).
        var paperStages = new Dictionary<string, double>
        {
            ["inception_3a"] = 128, ["inception_3b"] = 304, ["inception_4a"] = 73, ["inception_4b"] = 88,
            ["inception_4c"] = 100, ["inception_4d"] = 119, ["inception_4e"] = 170, ["inception_5a"] = 54,
            ["inception_5b"] = 71,
        };
        foreach (var (stage, millionMacs) in paperStages)
        {
            var macs = features.Layers.Where(l => l.NodeName.StartsWith(stage + "/", StringComparison.Ordinal)).Sum(l => l.Macs);
            Assert.That(macs, Is.EqualTo(millionMacs * 1e6).Within(0.06 * millionMacs * 1e6), stage);
        }
        var firstConvolution = features.Layers.First(l => l.OpType == "Conv");
        Assert.That(firstConvolution.Macs, Is.EqualTo(112L * 112 * 64 * 7 * 7 * 3));
        Assert.That(features.Macs, Is.EqualTo(1.58e9).Within(0.05 * 1.58e9), "MACs");
    }

    private static ModelFeatures Features(string name)
    {
        var features = ModelFeatureExtractor.Extract(TestModelCache.Zoo.Get(name));
        TestContext.Out.WriteLine($"{name}: {features.Parameters} parameters, {features.Macs} MACs");
        return features;
    }
}
