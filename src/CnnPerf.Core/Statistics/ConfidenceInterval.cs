namespace CnnPerf.Statistics;

/// <summary>A two-sided confidence interval.</summary>
/// <param name="Low">Lower bound (NaN when it cannot be computed).</param>
/// <param name="High">Upper bound (NaN when it cannot be computed).</param>
/// <param name="Level">Nominal confidence level, for example 0.95.</param>
public sealed record ConfidenceInterval(double Low, double High, double Level)
{
    /// <summary>True when both bounds are finite numbers.</summary>
    public bool IsDefined => double.IsFinite(Low) && double.IsFinite(High);

    /// <summary>An undefined interval (NaN bounds) at the given level, for too few samples.</summary>
    public static ConfidenceInterval Undefined(double level) => new(double.NaN, double.NaN, level);
}
