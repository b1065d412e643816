namespace CnnPerf.Power;

/// <summary>A time interval on the CLOCK_MONOTONIC timeline, in seconds.</summary>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
public readonly record struct PowerPhase(double Start, double End)
{
    /// <summary>Length in seconds.</summary>
    public double Duration => End - Start;

    /// <summary>The phase between two <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> values.</summary>
    public static PowerPhase FromTimestamps(long start, long end) => new(MonotonicClock.ToSeconds(start), MonotonicClock.ToSeconds(end));
}
