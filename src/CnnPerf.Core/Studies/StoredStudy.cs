using CnnPerf.Analysis;
using CnnPerf.Counters;
using CnnPerf.Features;
using CnnPerf.Models;
using CnnPerf.Modeling;
using CnnPerf.Reports;
using CnnPerf.Store;

namespace CnnPerf.Studies;

/// <summary>
/// A study read back from a results store as the plain data the analysis, the report and the predictor take:
/// one metric row per stored configuration (exactly the rows of the wide export), per-layer timings, the static
/// features of every timed model, per-inference latencies, the machine context and the counters that did not open.
/// </summary>
/// <param name="StorePath">The store's file.</param>
/// <param name="Results">One row per stored configuration, in the order of the wide export (failed ones have no values).</param>
/// <param name="Configurations">The stored configurations, in the same order as the rows of <paramref name="Results"/>.</param>
/// <param name="LayerTimings">Per-layer timings; where a model, backend and thread count was profiled more than once, the latest profile.</param>
/// <param name="Features">Static features of every model with layer timings whose file could be read, by model name.</param>
/// <param name="LatencySamples">Per-inference latencies of every configuration that has them.</param>
/// <param name="Runs">The runs read (every run of the store, or the one asked for), oldest first.</param>
/// <param name="CounterStatuses">Every distinct counter status recorded with the configurations.</param>
/// <param name="Notes">What could not be used and why (failed configurations, model files that are gone).</param>
public sealed record StoredStudy(
    string StorePath,
    MetricTable Results,
    IReadOnlyList<StoredConfiguration> Configurations,
    IReadOnlyList<LayerTimingRecord> LayerTimings,
    IReadOnlyDictionary<string, ModelFeatures> Features,
    IReadOnlyList<LatencySampleSet> LatencySamples,
    IReadOnlyList<StoredRun> Runs,
    IReadOnlyList<CounterStatus> CounterStatuses,
    IReadOnlyList<string> Notes)
{
    /// <summary>Metric id prefix of measurement bookkeeping (inference counts, phase length), left out of <see cref="Results"/>.</summary>
    public const string BookkeepingPrefix = "run.";

    /// <summary>
    /// Reads a study from a store. Measurement bookkeeping (<c>run.*</c>: how many inferences were measured and for how
    /// long) is left out of the metric rows, since it says how the study was run, not how the configuration performed.
    /// </summary>
    /// <param name="store">The results store.</param>
    /// <param name="zoo">Resolves zoo models whose stored file is gone (they are rebuilt).</param>
    /// <param name="runId">Read only this run; every run when null (as <c>cnnperf export</c> does).</param>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    public static StoredStudy Load(ResultStore store, ModelZoo zoo, long? runId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(zoo);
        var configurations = store.Configurations(runId);
        var notes = configurations
            .Where(c => c.Failure is not null)
            .Select(c => $"{Key(c)} failed ({c.Failure!.Kind}): {c.Failure.Message}")
            .ToList();
        var rows = configurations.Select(c => new MetricRow(Key(c), c.Metrics
            .Where(m => !m.Id.StartsWith(BookkeepingPrefix, StringComparison.Ordinal))
            .GroupBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal)));
        var included = configurations.Select(c => c.Id).ToHashSet();
        var timings = LatestProfiles(store.LayerTimings().Where(t => included.Contains(t.ConfigurationId)).ToList());
        var features = new Dictionary<string, ModelFeatures>(StringComparer.Ordinal);
        foreach (var model in timings.Select(t => t.Configuration.Model).Distinct(StringComparer.Ordinal))
        {
            var path = configurations.Last(c => c.Model == model).ModelPath;
            if (ReadFeatures(model, path, zoo, notes) is { } modelFeatures)
            {
                features[model] = modelFeatures;
            }
        }

        var latencies = configurations
            .Select(c => new LatencySampleSet(Key(c), store.Samples(c.Id).Select(s => s.LatencyMs).ToList()))
            .Where(s => s.Milliseconds.Count > 0)
            .ToList();
        return new StoredStudy(
            store.Path,
            MetricTable.FromRows(rows),
            configurations,
            timings,
            features,
            latencies,
            store.Runs().Where(r => runId is null || r.Id == runId).ToList(),
            store.CounterStatuses(runId),
            notes);
    }

    /// <summary>The key of a stored configuration.</summary>
    public static ConfigurationKey Key(StoredConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ConfigurationKey(configuration.Model, configuration.Backend, configuration.Threads);
    }

    private static List<LayerTimingRecord> LatestProfiles(IReadOnlyList<StoredLayerTiming> timings)
    {
        var latest = timings
            .GroupBy(t => (t.Model, t.Backend, t.Threads))
            .ToDictionary(g => g.Key, g => g.Max(t => t.ConfigurationId));
        return timings
            .Where(t => latest[(t.Model, t.Backend, t.Threads)] == t.ConfigurationId)
            .Select(t => new LayerTimingRecord(new ConfigurationKey(t.Model, t.Backend, t.Threads), t.Node, t.OpType, t.MeanMilliseconds))
            .ToList();
    }

    private static ModelFeatures? ReadFeatures(string model, string path, ModelZoo zoo, List<string> notes)
    {
        try
        {
            var source = File.Exists(path) ? zoo.Resolve(path) with { Name = model } : zoo.Resolve(model);
            return ModelFeatureExtractor.Extract(source);
        }
        catch (CnnPerfException e)
        {
            notes.Add($"{model}: no static layer features ({e.Message}), its layer timings are not used");
            return null;
        }
    }
}
