namespace CnnPerf.Analysis;

/// <summary>The correlations of metrics with performance targets over the configurations of a study.</summary>
/// <param name="Configurations">Number of configurations (rows) in the table analysed.</param>
/// <param name="Correlations">Every computed correlation, grouped by target, strongest |r| first.</param>
/// <param name="Skipped">Targets and pairs that could not be correlated, with the reason.</param>
public sealed record CorrelationReport(int Configurations, IReadOnlyList<MetricCorrelation> Correlations, IReadOnlyList<SkippedCorrelation> Skipped);
