using CnnPerf.Modeling;

namespace CnnPerf.Core.Tests.Modeling;

public sealed class LayerwiseModelTests
{
    [Test]
    public void LeaveOneNetworkOutRecoversLayerLinearTimesWithinAFewPercent()
    {
        var (samples, measured) = SyntheticNetworks();
        var result = LayerwiseValidation.LeaveOneNetworkOut("onnxruntime", 1, samples, measured);
        Assert.That(result.Networks, Has.Count.EqualTo(6));
        Assert.That(result.Errors.MeanAbsolutePercentageError, Is.LessThan(3));
        Assert.That(result.Errors.WithinTenPercent, Is.EqualTo(1));
        Assert.That(result.Notes, Has.None.Contains("pooled"), "every type has a model of its own");
    }

    [Test]
    public void SparseTypesGetAOneFeatureModelOrThePooledOneAndSaySo()
    {
        var (samples, measured) = SyntheticNetworks();
        samples.Add(new LayerSample("net0", new LayerInput("prob", "Softmax", [0, 0, 4000, 4000, 0, 0]), 0.01));
        var model = LayerwiseModel.Train(samples, measured);
        Assert.That(model.TypeModels.Keys, Is.EquivalentTo(new[] { "Conv", "Gemm", "Relu" }));
        Assert.That(model.TypeModels["Conv"].FeatureIndices, Has.Count.EqualTo(6));
        Assert.That(model.TypeModels["Gemm"].FeatureIndices, Is.EqualTo(new[] { 0 }));
        Assert.That(model.Notes, Has.One.Contains("Gemm: 6 measured layer(s) < 8, model on one feature (macs)"));
        Assert.That(model.Notes, Has.One.Contains("Softmax: 1 measured layer(s), pooled model used"));
        var prediction = model.Predict([new LayerInput("x", "Softmax", [0, 0, 4000, 4000, 0, 0])]);
        Assert.That(prediction.PooledTypes, Is.EqualTo(new[] { "Softmax" }));
        Assert.That(prediction.Milliseconds, Is.GreaterThanOrEqualTo(0), "layer times are never negative");
    }

    [Test]
    public void CalibrationScalesLayerSumsToMeasuredNetworkLatency()
    {
        var (samples, measured) = SyntheticNetworks();
        var model = LayerwiseModel.Train(samples, measured);
        Assert.That(model.CalibrationFactor, Is.EqualTo(1.08).Within(0.01), "the synthetic framework spends 8% outside its layers");
        var uncalibrated = LayerwiseModel.Train(samples);
        Assert.That(uncalibrated.CalibrationFactor, Is.EqualTo(1));
        Assert.That(uncalibrated.Notes, Has.None.Contains("calibration"));
    }

    [Test]
    public void NoSamplesIsAClearError()
    {
        Assert.That(() => LayerwiseModel.Train([]), Throws.ArgumentException.With.Message.Contains("at least one measured layer"));
    }

    /// <summary>
    /// Six networks of Conv/Relu/Gemm layers. Features: MACs, params, input bytes, output bytes, kernel area, stride.
    /// Conv time is linear in MACs and output bytes, Relu in bytes, Gemm in params; the network latency is 8% above
    /// the layer sum.
    /// </summary>
    internal static (List<LayerSample> Samples, Dictionary<string, double> Measured) SyntheticNetworks()
    {
        var samples = new List<LayerSample>();
        var measured = new Dictionary<string, double>();
        for (var n = 0; n < 6; n++)
        {
            var model = "net" + n;
            double sum = 0;
            for (var l = 0; l < 6 + 3 * n; l++)
            {
                var channels = 16 << (l % 5);
                var size = 112 >> (l / 4 % 4);
                var kernel = l % 3 == 0 ? 1 : 9;
                var outBytes = 4.0 * channels * size * size;
                var macs = outBytes / 4 * channels * kernel / 2;
                var convMs = 0.02 + 6e-9 * macs + 2e-8 * outBytes;
                var reluMs = 0.005 + 1.5e-8 * outBytes;
                samples.Add(new LayerSample(model, new LayerInput($"conv{l}", "Conv", [macs, channels * channels * kernel / 2.0, outBytes, outBytes, kernel, 1 + l % 2]), convMs));
                samples.Add(new LayerSample(model, new LayerInput($"relu{l}", "Relu", [0, 0, outBytes, outBytes, 0, 0]), reluMs));
                sum += convMs + reluMs;
            }

            var fcParams = 512.0 * (1000 + 100 * n);
            var gemmMs = 0.01 + 1e-6 * fcParams;
            samples.Add(new LayerSample(model, new LayerInput("fc", "Gemm", [fcParams, fcParams, 2048, 4000, 0, 0]), gemmMs));
            measured[model] = 1.08 * (sum + gemmMs);
        }

        return (samples, measured);
    }
}
