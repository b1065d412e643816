using CnnPerf.Analysis;
using CnnPerf.Features;
using CnnPerf.Metrics;

namespace CnnPerf.Modeling;

/// <summary>
/// Joins measured layer timings to static layer features and trains or validates a <see cref="LayerwiseModel"/>
/// per (backend, threads). Every layer of a timed network becomes a sample: a layer the framework reported no time
/// for (fused into its neighbour, or folded away) counts as 0 ms, so that predictions over all layers of a new
/// network stay consistent with training; renamed fused nodes are matched by <see cref="LayerTimingMatcher"/>.
/// Timings whose node matches no layer are counted in the notes.
/// </summary>
public static class LayerwiseAnalysis
{
    /// <summary>
    /// Leave-one-network-out validation for every (backend, threads) that has layer timings, against the measured
    /// whole-network latency (<c>latency.mean_ms</c>) of <paramref name="measured"/>.
    /// </summary>
    /// <param name="timings">Per-layer timings of any number of configurations.</param>
    /// <param name="features">Static features per model name.</param>
    /// <param name="measured">Measured configurations (one row per model, backend, threads).</param>
    /// <param name="options">Model settings; <see cref="LayerwiseOptions.Default"/> when null.</param>
    public static IReadOnlyList<LayerwiseValidationResult> Validate(
        IEnumerable<LayerTimingRecord> timings, IReadOnlyDictionary<string, ModelFeatures> features, MetricTable measured, LayerwiseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        return Join(timings, features)
            .Select(group =>
            {
                var result = LayerwiseValidation.LeaveOneNetworkOut(
                    group.Backend, group.Threads, group.Samples, MeasuredLatency(measured, group.Backend, group.Threads), options);
                return result with { Notes = [.. group.Notes, .. result.Notes] };
            })
            .ToList();
    }

    /// <summary>Trains the layer-wise model of one backend at one thread count on every timed network.</summary>
    /// <returns>The model, or null when there is no layer timing for that backend and thread count.</returns>
    public static LayerwiseModel? Train(
        string backend, int threads, IEnumerable<LayerTimingRecord> timings, IReadOnlyDictionary<string, ModelFeatures> features,
        MetricTable measured, LayerwiseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var group = Join(timings.Where(t => t.Configuration.Backend == backend && t.Configuration.Threads == threads), features).SingleOrDefault();
        return group is null ? null : LayerwiseModel.Train(group.Samples, MeasuredLatency(measured, backend, threads), options);
    }

    /// <summary>Predicts a network's latency from its static features with a trained model.</summary>
    public static NetworkPrediction Predict(LayerwiseModel model, ModelFeatures network)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(network);
        return model.Predict(network.Layers.Select(LayerFeatureVector.ToInput));
    }

    private static Dictionary<string, double> MeasuredLatency(MetricTable measured, string backend, int threads)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!measured.HasColumn(MetricIds.LatencyMean.Id))
        {
            return result;
        }

        var latency = measured.Column(MetricIds.LatencyMean.Id);
        for (var i = 0; i < measured.RowCount; i++)
        {
            if (measured.Keys[i].Backend == backend && measured.Keys[i].Threads == threads)
            {
                result[measured.Keys[i].Model] = latency[i];
            }
        }

        return result;
    }

    private static IEnumerable<JoinedGroup> Join(IEnumerable<LayerTimingRecord> timings, IReadOnlyDictionary<string, ModelFeatures> features)
    {
        ArgumentNullException.ThrowIfNull(timings);
        ArgumentNullException.ThrowIfNull(features);
        foreach (var group in timings.GroupBy(t => (t.Configuration.Backend, t.Configuration.Threads)).OrderBy(g => g.Key))
        {
            var samples = new List<LayerSample>();
            var notes = new List<string>();
            foreach (var configuration in group.GroupBy(t => t.Configuration.Model).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (!features.TryGetValue(configuration.Key, out var model))
                {
                    notes.Add($"{configuration.Key}: no static features, its layer timings are not used");
                    continue;
                }

                var (milliseconds, unmatched, unmatchedMilliseconds) = LayerTimingMatcher.Attribute(model.Layers, configuration);
                if (unmatched > 0)
                {
                    notes.Add($"{configuration.Key}: {unmatched} timed node(s) ({unmatchedMilliseconds:F3} ms) match no layer of the model");
                }

                samples.AddRange(model.Layers.Select((layer, i) =>
                    new LayerSample(configuration.Key, LayerFeatureVector.ToInput(layer), milliseconds[i])));
            }

            if (samples.Count > 0)
            {
                yield return new JoinedGroup(group.Key.Backend, group.Key.Threads, samples, notes);
            }
        }
    }

    private sealed record JoinedGroup(string Backend, int Threads, List<LayerSample> Samples, List<string> Notes);
}
