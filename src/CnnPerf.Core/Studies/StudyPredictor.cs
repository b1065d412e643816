using System.Globalization;
using CnnPerf.Analysis;
using CnnPerf.Features;
using CnnPerf.Metrics;
using CnnPerf.Modeling;

namespace CnnPerf.Studies;

/// <summary>
/// Predicts the latency of any network, measured or not, on a backend at a thread count from a stored study: a
/// <see cref="LayerwiseModel"/> trained on every network profiled there, applied to the network's static layer
/// features. Where the study measured power at that backend and thread count, energy per inference is the predicted
/// latency times the mean power of those configurations.
/// </summary>
public static class StudyPredictor
{
    /// <summary>Predicts <paramref name="network"/> on <paramref name="backend"/> at <paramref name="threads"/>.</summary>
    /// <exception cref="CnnPerfException">The study has no usable per-layer timings for that backend and thread count.</exception>
    public static StudyPrediction Predict(StoredStudy study, ModelFeatures network, string backend, int threads, LayerwiseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(backend);
        var training = study.LayerTimings
            .Where(t => t.Configuration.Backend == backend && t.Configuration.Threads == threads && study.Features.ContainsKey(t.Configuration.Model))
            .Select(t => t.Configuration.Model)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var model = training.Count == 0 ? null : LayerwiseAnalysis.Train(backend, threads, study.LayerTimings, study.Features, study.Results, options);
        if (model is null)
        {
            throw new CnnPerfException(NoTimings(study, backend, threads));
        }

        var latency = LayerwiseAnalysis.Predict(model, network);
        var notes = new List<string>(model.Notes)
        {
            $"trained on the layer timings of {training.Count} network(s); calibration factor {model.CalibrationFactor.ToString("F3", CultureInfo.InvariantCulture)}",
        };
        notes.AddRange(latency.PooledTypes.Select(type => $"layer type {type} has no model of its own here: the pooled model predicted it"));
        var (watts, powered) = MeanPower(study.Results, backend, threads);
        if (powered > 0)
        {
            notes.Add($"energy: predicted latency x {watts.ToString("F3", CultureInfo.InvariantCulture)} W, the mean power of {powered} measured configuration(s)");
        }

        return new StudyPrediction(network.Name, backend, threads, latency, powered > 0 ? latency.Milliseconds * watts : double.NaN,
            Measured(study.Results, new ConfigurationKey(network.Name, backend, threads)), training, notes);
    }

    private static string NoTimings(StoredStudy study, string backend, int threads)
    {
        var available = study.LayerTimings
            .Where(t => study.Features.ContainsKey(t.Configuration.Model))
            .Select(t => (t.Configuration.Backend, t.Configuration.Threads))
            .Distinct()
            .GroupBy(c => c.Backend, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} at {string.Join(", ", g.Select(c => c.Threads).Order())} thread(s)")
            .ToList();
        var has = available.Count == 0 ? "it has none at all" : $"it has them for {string.Join("; ", available)}";
        return $"the results store {study.StorePath} has no per-layer timings for {backend} at {threads} thread(s) ({has}); " +
               "measure them with 'cnnperf study' (it profiles every layer) or 'cnnperf run --layers 10 --store FILE'";
    }

    /// <summary>Mean power (energy per inference over latency, mJ/ms = W) of the configurations that have both, and how many there were.</summary>
    private static (double Watts, int Configurations) MeanPower(MetricTable results, string backend, int threads)
    {
        if (!results.HasColumn(MetricIds.EnergyPerInference.Id) || !results.HasColumn(MetricIds.LatencyMean.Id))
        {
            return (double.NaN, 0);
        }

        var energy = results.Column(MetricIds.EnergyPerInference.Id);
        var latency = results.Column(MetricIds.LatencyMean.Id);
        var rows = Enumerable.Range(0, results.RowCount)
            .Where(i => results.Keys[i].Backend == backend && results.Keys[i].Threads == threads && energy[i] > 0 && latency[i] > 0)
            .ToList();
        return (rows.Sum(i => energy[i]) / rows.Sum(i => latency[i]), rows.Count);
    }

    private static double Measured(MetricTable results, ConfigurationKey key)
    {
        if (!results.HasColumn(MetricIds.LatencyMean.Id))
        {
            return double.NaN;
        }

        var latency = results.Column(MetricIds.LatencyMean.Id);
        return Enumerable.Range(0, results.RowCount).Where(i => results.Keys[i] == key && !double.IsNaN(latency[i]))
            .Select(i => latency[i]).DefaultIfEmpty(double.NaN).Last();
    }
}
