using System.Diagnostics;

namespace CnnPerf.Power;

/// <summary>
/// The timeline power samples and phase boundaries share: CLOCK_MONOTONIC in seconds. On Linux
/// <see cref="Stopwatch.GetTimestamp"/> reads CLOCK_MONOTONIC, so timestamps taken in a worker process and in the
/// host process are on the same timeline.
/// </summary>
public static class MonotonicClock
{
    /// <summary>The current time in seconds.</summary>
    public static double Now => ToSeconds(Stopwatch.GetTimestamp());

    /// <summary>Converts a <see cref="Stopwatch.GetTimestamp"/> value to seconds.</summary>
    public static double ToSeconds(long timestamp) => (double)timestamp / Stopwatch.Frequency;

    /// <summary>
    /// The monotonic time of a wall-clock instant, through an anchor pair read together now: used to align an
    /// external log stamped with wall-clock times. Exact when the wall clock is not stepped during the run.
    /// </summary>
    public static double FromUnixSeconds(double unixSeconds)
    {
        var monotonic = Now;
        var unixNow = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
        return monotonic + (unixSeconds - unixNow);
    }
}
