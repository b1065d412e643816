namespace CnnPerf.Analysis;

/// <summary>The metric values of one configuration, keyed by metric id (a row of a <see cref="MetricTable"/>).</summary>
/// <param name="Key">The configuration.</param>
/// <param name="Values">Value per metric id; a metric the configuration lacks is simply absent.</param>
public sealed record MetricRow(ConfigurationKey Key, IReadOnlyDictionary<string, double> Values);
