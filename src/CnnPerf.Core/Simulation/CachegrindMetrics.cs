using CnnPerf.Metrics;

namespace CnnPerf.Simulation;

/// <summary>
/// Turns the difference of two cachegrind runs (differential method: a run with more measured inferences minus an
/// otherwise identical run) into per-inference <c>sim.*</c> metrics, their derived ratios and the geometry used.
/// </summary>
public static class CachegrindMetrics
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

    /// <summary>The metrics of <paramref name="inferences"/> inferences: (<paramref name="longer"/> - <paramref name="baseline"/>) / inferences.</summary>
    /// <param name="longer">The run with the extra inferences.</param>
    /// <param name="baseline">The otherwise identical run without them.</param>
    /// <param name="inferences">How many more inferences <paramref name="longer"/> ran.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inferences"/> is not positive.</exception>
    /// <exception cref="CnnPerfException">The runs collected different events, or the longer run counted fewer instructions.</exception>
    public static IReadOnlyList<MetricValue> PerInference(CachegrindProfile longer, CachegrindProfile baseline, int inferences)
    {
        ArgumentNullException.ThrowIfNull(longer);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inferences);
        if (!longer.Totals.Keys.ToHashSet().SetEquals(baseline.Totals.Keys))
        {
            throw new CnnPerfException($"the two cachegrind runs collected different events ({string.Join(" ", longer.Totals.Keys)} vs {string.Join(" ", baseline.Totals.Keys)})");
        }
        if (longer["Ir"] <= baseline["Ir"])
        {
            throw new CnnPerfException($"the run with {inferences} more inferences counted {longer["Ir"]:N0} instructions, not more than the baseline's {baseline["Ir"]:N0}");
        }
        double Delta(params string[] events) => events.Sum(e => (double)(longer[e] - baseline[e])) / inferences;

        var metrics = new List<MetricValue>();
        void Add(MetricDefinition metric, double value, Provenance provenance) => metrics.Add(new MetricValue(metric.Id, value, metric.Unit, provenance));
        foreach (var (metric, events) in Counted.Where(c => c.Events.All(longer.Totals.ContainsKey)))
        {
            Add(metric, Delta(events), Provenance.Simulated);
        }
        var instructions = Delta("Ir");
        if (longer.Totals.ContainsKey("D1mr"))
        {
            var d1Misses = Delta("D1mr", "D1mw");
            Add(MetricIds.SimD1MissRatio, Ratio(d1Misses, Delta("Dr", "Dw")), Provenance.Derived);
            Add(MetricIds.SimD1Mpki, Ratio(d1Misses, instructions) * 1000, Provenance.Derived);
            Add(MetricIds.SimLlMpki, Ratio(Delta("ILmr", "DLmr", "DLmw"), instructions) * 1000, Provenance.Derived);
        }
        if (longer.Totals.ContainsKey("Bcm"))
        {
            var mispredicts = Delta("Bcm", "Bim");
            Add(MetricIds.SimBranchMispredictRatio, Ratio(mispredicts, Delta("Bc", "Bi")), Provenance.Derived);
            Add(MetricIds.SimBranchMpki, Ratio(mispredicts, instructions) * 1000, Provenance.Derived);
        }
        if (longer.Caches.GetValueOrDefault("D1") is { } d1)
        {
            Add(MetricIds.SimD1SizeBytes, d1.SizeBytes, Provenance.Simulated);
            Add(MetricIds.SimD1Ways, d1.Ways, Provenance.Simulated);
        }
        if (longer.Caches.GetValueOrDefault("LL") is { } ll)
        {
            Add(MetricIds.SimLlSizeBytes, ll.SizeBytes, Provenance.Simulated);
            Add(MetricIds.SimLlWays, ll.Ways, Provenance.Simulated);
        }
        Add(MetricIds.SimInferences, inferences, Provenance.Simulated);
        return metrics;
    }

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : double.NaN;
}
