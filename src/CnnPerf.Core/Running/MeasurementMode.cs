namespace CnnPerf.Running;

/// <summary>How the measured phase decides when to stop.</summary>
public enum MeasurementMode
{
    /// <summary>A fixed number of inferences.</summary>
    Iterations,
    /// <summary>As many inferences as fit in a wall-clock duration.</summary>
    Duration,
    /// <summary>Until the 95% confidence interval of the median latency is narrow enough, or a time cap.</summary>
    Adaptive,
}
