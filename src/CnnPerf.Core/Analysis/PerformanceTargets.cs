using CnnPerf.Metrics;

namespace CnnPerf.Analysis;

/// <summary>The performance targets that metrics are correlated with, and which columns count as performance.</summary>
public static class PerformanceTargets
{
    private static readonly string[] PerformancePrefixes = ["latency.", "throughput.", "cpu.utilization", "power.", "energy.", "time."];

    /// <summary>
    /// The default targets: mean latency, throughput, CPU utilization in cores, mean power and energy per inference.
    /// </summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        MetricIds.LatencyMean.Id,
        MetricIds.ThroughputFps.Id,
        MetricIds.CpuUtilizationCores.Id,
        MetricIds.PowerMean.Id,
        MetricIds.EnergyPerInference.Id,
    ];

    /// <summary>
    /// True for an outcome of the run (latency, throughput, utilization, power, energy, load time) rather than an
    /// explanatory metric of how the hardware was used (counters, memory, threads).
    /// </summary>
    public static bool IsPerformanceMetric(string metricId)
    {
        ArgumentNullException.ThrowIfNull(metricId);
        return PerformancePrefixes.Any(prefix => metricId.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>The columns of <paramref name="table"/> that are not performance metrics, in table order.</summary>
    public static IReadOnlyList<string> ExplanatoryColumns(MetricTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Columns.Where(column => !IsPerformanceMetric(column)).ToList();
    }
}
