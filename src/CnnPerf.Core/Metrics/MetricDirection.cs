namespace CnnPerf.Metrics;

/// <summary>Whether a larger value of a metric is better, worse, or neither.</summary>
public enum MetricDirection
{
    /// <summary>Neither direction is better (for example an instruction count used for correlation).</summary>
    Neutral,
    /// <summary>Larger values are better (throughput).</summary>
    HigherIsBetter,
    /// <summary>Smaller values are better (latency, energy).</summary>
    LowerIsBetter,
}
