namespace CnnPerf.Metrics;

/// <summary>
/// Describes a metric: its stable id (lower-case and dotted, for example <c>latency.p50_ms</c>), a display
/// name, its unit and its direction.
/// </summary>
/// <param name="Id">Stable, lower-case, dotted identifier.</param>
/// <param name="DisplayName">Short human-readable name.</param>
/// <param name="Unit">Unit symbol, for example <c>ms</c>, <c>count</c>, <c>W</c>, <c>mJ</c>, <c>bytes</c>.</param>
/// <param name="Direction">Whether larger values are better.</param>
public sealed record MetricDefinition(string Id, string DisplayName, string Unit, MetricDirection Direction);
