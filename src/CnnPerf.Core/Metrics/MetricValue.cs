namespace CnnPerf.Metrics;

/// <summary>One value of a metric, with its unit and provenance.</summary>
/// <param name="Id">The metric id (see <see cref="MetricIds"/>).</param>
/// <param name="Value">The value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit symbol.</param>
/// <param name="Provenance">Whether the value was measured, simulated or derived.</param>
/// <param name="RunningShare">
/// For counter values: time running divided by time enabled (1 when the counter was never multiplexed);
/// null where the notion does not apply.
/// </param>
public sealed record MetricValue(string Id, double Value, string Unit, Provenance Provenance, double? RunningShare = null);
