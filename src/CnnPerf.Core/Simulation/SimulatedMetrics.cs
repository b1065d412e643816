using CnnPerf.Metrics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Simulation;

/// <summary>
/// Turns the simulator's counts of single inferences (one callgrind dump each) into per-inference <c>sim.*</c>
/// metrics (their mean), the derived ratios and the cache geometry the simulation used.
/// </summary>
public static class SimulatedMetrics
{
    private static readonly (MetricDefinition Metric, string[] Events)[] Counted =
    [
        (MetricIds.SimInstructions, ["Ir"]),
        (MetricIds.SimD1Reads, ["Dr"]),
        (MetricIds.SimD1Misses, ["D1mr", "D1mw"]),
        (MetricIds.SimLlMisses, ["ILmr", "DLmr", "DLmw"]),
        (MetricIds.SimBranches, ["Bc", "Bi"]),
        (MetricIds.SimBranchMispredicts, ["Bcm", "Bim"]),
    ];

    /// <summary>The ids of the counted (not derived) simulated metrics.</summary>
    public static IReadOnlyList<string> CountedIds { get; } = [.. Counted.Select(c => c.Metric.Id)];

    /// <summary>The mean counts of <paramref name="inferences"/>, with derived ratios and the geometry.</summary>
    /// <param name="inferences">The counts of each simulated inference.</param>
    /// <exception cref="ArgumentException">No inference is given.</exception>
    /// <exception cref="CnnPerfException">The dumps collected different events, or one counted no instruction.</exception>
    public static IReadOnlyList<MetricValue> PerInference(IReadOnlyList<ValgrindProfile> inferences)
    {
        ArgumentNullException.ThrowIfNull(inferences);
        if (inferences.Count == 0)
        {
            throw new ArgumentException("at least one simulated inference is needed", nameof(inferences));
        }
        var first = inferences[0];
        if (inferences.FirstOrDefault(p => !p.Totals.Keys.ToHashSet().SetEquals(first.Totals.Keys)) is { } other)
        {
            throw new CnnPerfException($"the simulated inferences collected different events ({string.Join(" ", first.Totals.Keys)} vs {string.Join(" ", other.Totals.Keys)})");
        }
        if (inferences.Any(p => p["Ir"] <= 0))
        {
            throw new CnnPerfException("a simulated inference counted no instruction: the simulation did not cover it");
        }
        double Mean(params string[] events) => inferences.Average(p => events.Sum(e => (double)p[e]));

        var metrics = new List<MetricValue>();
        void Add(MetricDefinition metric, double value, Provenance provenance) => metrics.Add(new MetricValue(metric.Id, value, metric.Unit, provenance));
        foreach (var (metric, events) in Counted.Where(c => c.Events.All(first.Totals.ContainsKey)))
        {
            Add(metric, Mean(events), Provenance.Simulated);
        }
        var instructions = Mean("Ir");
        if (first.Totals.ContainsKey("D1mr"))
        {
            var d1Misses = Mean("D1mr", "D1mw");
            Add(MetricIds.SimD1MissRatio, DerivedMetrics.MissRatio(d1Misses, Mean("Dr", "Dw")), Provenance.Derived);
            Add(MetricIds.SimD1Mpki, DerivedMetrics.PerKiloInstructions(d1Misses, instructions), Provenance.Derived);
            Add(MetricIds.SimLlMpki, DerivedMetrics.PerKiloInstructions(Mean("ILmr", "DLmr", "DLmw"), instructions), Provenance.Derived);
        }
        if (first.Totals.ContainsKey("Bcm"))
        {
            var mispredicts = Mean("Bcm", "Bim");
            Add(MetricIds.SimBranchMispredictRatio, DerivedMetrics.MissRatio(mispredicts, Mean("Bc", "Bi")), Provenance.Derived);
            Add(MetricIds.SimBranchMpki, DerivedMetrics.PerKiloInstructions(mispredicts, instructions), Provenance.Derived);
        }
        if (first.Caches.GetValueOrDefault("D1") is { } d1)
        {
            Add(MetricIds.SimD1SizeBytes, d1.SizeBytes, Provenance.Simulated);
            Add(MetricIds.SimD1Ways, d1.Ways, Provenance.Simulated);
        }
        if (first.Caches.GetValueOrDefault("LL") is { } ll)
        {
            Add(MetricIds.SimLlSizeBytes, ll.SizeBytes, Provenance.Simulated);
            Add(MetricIds.SimLlWays, ll.Ways, Provenance.Simulated);
        }
        Add(MetricIds.SimInferences, inferences.Count, Provenance.Simulated);
        return metrics;
    }
}
