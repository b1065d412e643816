namespace CnnPerf.Analysis;

/// <summary>A (target, metric) pair that was not correlated, and why.</summary>
/// <param name="Target">Target metric id.</param>
/// <param name="Metric">Metric id; null when the whole target was skipped.</param>
/// <param name="Reason">Why, in a short sentence (for example "constant: 3 in every configuration").</param>
public sealed record SkippedCorrelation(string Target, string? Metric, string Reason);
