using System.Globalization;
using CnnPerf.Metrics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Counters;

/// <summary>
/// Turns counter readings (usually a phase delta) into metric values: each count scaled for multiplexing and
/// converted to its metric's unit (clock events from ns to ms), plus the derived metrics whose inputs exist
/// (IPC, miss ratios, misses per kilo-instruction). A reading that was not counted (time running 0) gives no
/// value, and no derived value that needs it: it is not a count of 0.
/// </summary>
public static class CounterMetrics
{
    private static readonly (MetricDefinition Metric, string Numerator, string Denominator, Func<double, double, double> Derive)[] Derived =
    [
        (MetricIds.HwIpc, "hw.instructions", "hw.cycles", DerivedMetrics.Ipc),
        (MetricIds.HwCacheMissRatio, "hw.cache_misses", "hw.cache_references", DerivedMetrics.MissRatio),
        (MetricIds.HwBranchMissRatio, "hw.branch_misses", "hw.branches", DerivedMetrics.MissRatio),
        (MetricIds.HwCacheMpki, "hw.cache_misses", "hw.instructions", DerivedMetrics.PerKiloInstructions),
        (MetricIds.HwBranchMpki, "hw.branch_misses", "hw.instructions", DerivedMetrics.PerKiloInstructions),
    ];

    /// <summary>Converts a snapshot to metric values.</summary>
    /// <param name="snapshot">Readings keyed by metric id.</param>
    /// <param name="provenance">The provenance of the counted values (derived ones are <see cref="Provenance.Derived"/>).</param>
    /// <param name="perCount">Divide counts by this (for example the number of inferences); 1 for totals.</param>
    /// <returns>Counted metrics in snapshot order, then derived ones; none for a reading that was not counted.</returns>
    public static IReadOnlyList<MetricValue> ToMetricValues(CounterSnapshot snapshot, Provenance provenance = Provenance.Measured, double perCount = 1)
    {
        if (!(perCount > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(perCount), perCount, "the divisor must be positive");
        }
        var result = new List<MetricValue>();
        foreach (var (id, value) in snapshot.Values.Where(pair => pair.Value.IsCounted))
        {
            var unit = MetricIds.Find(id)?.Unit ?? "count";
            var converted = unit == "ms" ? value.Scaled / 1e6 : value.Scaled;
            result.Add(new MetricValue(id, converted / perCount, unit, provenance, value.RunningShare));
        }
        foreach (var (metric, numerator, denominator, derive) in Derived)
        {
            if (snapshot.Values.TryGetValue(numerator, out var top) && top.IsCounted
                && snapshot.Values.TryGetValue(denominator, out var bottom) && bottom.IsCounted)
            {
                result.Add(new MetricValue(metric.Id, derive(top.Scaled, bottom.Scaled), metric.Unit, Provenance.Derived));
            }
        }
        return result;
    }

    /// <summary>
    /// The statuses with every available counter whose reading in <paramref name="phase"/> was not counted
    /// marked unavailable, with <see cref="NotCountedReason"/>; the others unchanged.
    /// </summary>
    public static IReadOnlyList<CounterStatus> MarkNotCounted(IReadOnlyList<CounterStatus> statuses, CounterSnapshot phase) =>
        [.. statuses.Select(status => status.Available && phase.Values.TryGetValue(status.MetricId, out var value) && !value.IsCounted
            ? status with { Available = false, Errno = null, Reason = NotCountedReason(value) }
            : status)];

    /// <summary>Why a reading that was not counted (<see cref="CounterValue.IsCounted"/> false) has no value.</summary>
    public static string NotCountedReason(CounterValue value) => value.TimeEnabled == 0
        ? "not counted: the counter was never enabled while a counted thread ran (time enabled and running 0)"
        : string.Create(CultureInfo.InvariantCulture,
            $"not counted: enabled for {value.TimeEnabled / 1e6:F3} ms but never scheduled on the PMU (time running 0: other events held its counters)");
}
