using CnnPerf.Analysis;
using CnnPerf.Features;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Modeling;

namespace CnnPerf.Core.Tests.Modeling;

public sealed class LayerwiseAnalysisTests
{
    private static readonly string[] Networks = ["squeezenet1_1", "mobilenet_v1", "mobilenet_v2", "resnet18", "googlenet"];

    private static Dictionary<string, ModelFeatures>? _features;

    private static Dictionary<string, ModelFeatures> ZooFeatures() =>
        _features ??= Networks.ToDictionary(name => name, name => ModelFeatureExtractor.Extract(ModelZoo.Build(name), name));

    [Test]
    public void LeaveOneNetworkOutOnZooFeaturesPredictsEachBackendWithinTenPercent()
    {
        var features = ZooFeatures();
        var (timings, measured) = SimulatedProfiles(features);
        var results = LayerwiseAnalysis.Validate(timings, features, measured);
        Assert.That(results.Select(r => (r.Backend, r.Threads)), Is.EqualTo(new[] { ("fast", 1), ("slow", 2) }));
        foreach (var result in results)
        {
            Assert.That(result.Networks, Has.Count.EqualTo(Networks.Length), result.Backend);
            Assert.That(result.Errors.MeanAbsolutePercentageError, Is.LessThan(10), result.Backend);
            Assert.That(result.Notes, Has.Some.Contains("resnet18: 1 timed node(s) (0.500 ms) match no layer"), result.Backend);
        }
    }

    [Test]
    public void DepthwiseConvolutionsGetTheirOwnType()
    {
        var types = ZooFeatures()["mobilenet_v2"].Layers.Select(LayerFeatureVector.LayerType).ToHashSet();
        Assert.That(types, Does.Contain("Conv/depthwise").And.Contain("Conv"));
        var input = LayerFeatureVector.ToInput(ZooFeatures()["resnet18"].Layers.First(l => l.OpType == "Conv"));
        Assert.That(input.Features, Has.Count.EqualTo(LayerFeatureVector.Names.Count));
        Assert.That(input.Features[4], Is.EqualTo(49), "the 7x7 stem");
        Assert.That(input.Features[5], Is.EqualTo(4), "stride 2 x 2");
    }

    [Test]
    public void TrainedModelPredictsANetworkItNeverSaw()
    {
        var features = ZooFeatures();
        var (timings, measured) = SimulatedProfiles(features);
        var model = LayerwiseAnalysis.Train("fast", 1, timings.Where(t => t.Configuration.Model != "resnet18"), features, measured);
        Assert.That(model, Is.Not.Null);
        var prediction = LayerwiseAnalysis.Predict(model!, features["resnet18"]);
        var truth = measured.Column(MetricIds.LatencyMean.Id)[measured.Keys.ToList().IndexOf(new ConfigurationKey("resnet18", "fast", 1))];
        Assert.That(prediction.Milliseconds, Is.EqualTo(truth).Within(10).Percent);
        Assert.That(LayerwiseAnalysis.Train("fast", 8, timings, features, measured), Is.Null, "no timings at 8 threads");
    }

    /// <summary>
    /// Layer times a framework could report: convolutions linear in MACs (depthwise slower per MAC), element-wise
    /// layers linear in bytes; batch normalization fused away (never timed); one extra node with a name of its own.
    /// Network latency is 5% above the layer sum plus 0.2 ms.
    /// </summary>
    private static (List<LayerTimingRecord> Timings, MetricTable Measured) SimulatedProfiles(Dictionary<string, ModelFeatures> features)
    {
        var timings = new List<LayerTimingRecord>();
        var rows = new List<MetricRow>();
        foreach (var (backend, threads, speed) in new[] { ("fast", 1, 1.0), ("slow", 2, 2.3) })
        {
            foreach (var (name, model) in features)
            {
                var key = new ConfigurationKey(name, backend, threads);
                double sum = 0;
                foreach (var layer in model.Layers.Where(l => l.OpType != "BatchNormalization"))
                {
                    var ms = speed * LayerTime(layer);
                    timings.Add(new LayerTimingRecord(key, layer.NodeName, layer.OpType, ms));
                    sum += ms;
                }

                if (name == "resnet18")
                {
                    timings.Add(new LayerTimingRecord(key, "framework_internal_copy", "MemcpyToHost", 0.5));
                    sum += 0.5;
                }

                rows.Add(new MetricRow(key, new Dictionary<string, double> { [MetricIds.LatencyMean.Id] = 1.05 * sum + 0.2 }));
            }
        }

        return (timings, MetricTable.FromRows(rows));
    }

    private static double LayerTime(LayerFeatures layer) => LayerFeatureVector.LayerType(layer) switch
    {
        "Conv" => 0.01 + 1.2e-8 * layer.Macs + 1e-9 * layer.OutputActivationBytes,
        "Conv/depthwise" => 0.01 + 6e-8 * layer.Macs,
        "Gemm" or "MatMul" => 0.02 + 2e-8 * layer.Macs,
        _ => 0.002 + 2e-9 * (layer.InputActivationBytes + layer.OutputActivationBytes),
    };
}
