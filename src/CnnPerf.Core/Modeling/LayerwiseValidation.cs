using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>Leave-one-network-out validation of <see cref="LayerwiseModel"/>: the error on a network never measured.</summary>
public static class LayerwiseValidation
{
    /// <summary>
    /// For each network with measured layers and a measured latency, trains a layer-wise model on every other
    /// network and predicts the held-out one from its layers.
    /// </summary>
    /// <param name="backend">Backend name the samples come from (for the result).</param>
    /// <param name="threads">Thread count the samples come from (for the result).</param>
    /// <param name="samples">Measured layers of every network.</param>
    /// <param name="measuredNetworkMilliseconds">Measured whole-network latency per network.</param>
    /// <param name="options">Model settings; <see cref="LayerwiseOptions.Default"/> when null.</param>
    public static LayerwiseValidationResult LeaveOneNetworkOut(
        string backend, int threads, IReadOnlyList<LayerSample> samples,
        IReadOnlyDictionary<string, double> measuredNetworkMilliseconds, LayerwiseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(measuredNetworkMilliseconds);
        var notes = new SortedSet<string>(StringComparer.Ordinal);
        var byNetwork = samples.GroupBy(s => s.Model).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var results = new List<NetworkValidation>();
        foreach (var network in byNetwork)
        {
            if (!measuredNetworkMilliseconds.TryGetValue(network.Key, out var measured) || !double.IsFinite(measured))
            {
                notes.Add($"{network.Key}: no measured latency, not validated");
                continue;
            }

            var training = samples.Where(s => s.Model != network.Key).ToList();
            if (training.Count == 0)
            {
                notes.Add($"{network.Key}: no other network to train on, not validated");
                continue;
            }

            var model = LayerwiseModel.Train(training, measuredNetworkMilliseconds, options);
            var prediction = model.Predict(network.Select(s => s.Layer));
            foreach (var type in prediction.PooledTypes)
            {
                notes.Add($"{network.Key}: layer type {type} predicted by the pooled model");
            }

            results.Add(new NetworkValidation(network.Key, measured, prediction));
        }

        var errors = PredictionErrors.Compute(
            results.Select(r => r.MeasuredMilliseconds).ToArray(), results.Select(r => r.Prediction.Milliseconds).ToArray());
        return new LayerwiseValidationResult(backend, threads, results, errors, notes.ToList());
    }
}
