namespace CnnPerf.Running;

/// <summary>Phase boundaries on CLOCK_MONOTONIC, in nanoseconds (0 for a phase that did not run).</summary>
/// <param name="LoadStartNs">Before the backend loaded the model.</param>
/// <param name="LoadEndNs">After the model was loaded; warm-up starts.</param>
/// <param name="MeasuredStartNs">Warm-up over; the measured phase starts.</param>
/// <param name="MeasuredEndNs">The measured phase ended.</param>
public sealed record PhaseTimeline(long LoadStartNs, long LoadEndNs, long MeasuredStartNs, long MeasuredEndNs)
{
    /// <summary>No phase ran.</summary>
    public static PhaseTimeline None { get; } = new(0, 0, 0, 0);
}
