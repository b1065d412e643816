namespace CnnPerf.Native.Perf;

/// <summary>
/// One counter reading as the kernel reports it: the raw count and how long the counter was enabled and
/// actually running (they differ when the kernel multiplexed the counter with others).
/// </summary>
/// <param name="Raw">The raw count.</param>
/// <param name="TimeEnabled">Nanoseconds the counter was enabled.</param>
/// <param name="TimeRunning">Nanoseconds the counter was scheduled on the PMU.</param>
public readonly record struct CounterValue(ulong Raw, ulong TimeEnabled, ulong TimeRunning)
{
    /// <summary>
    /// False when the counter never ran (time running 0: never enabled, or never given a PMU counter while
    /// enabled). Such a reading has no count, which is not a count of 0.
    /// </summary>
    public bool IsCounted => TimeRunning > 0;

    /// <summary>
    /// The count scaled to the whole enabled time (<c>Raw * TimeEnabled / TimeRunning</c>), computed without
    /// overflow; equal to <see cref="Raw"/> when the counter was never multiplexed, and NaN when it was not
    /// counted (<see cref="IsCounted"/>).
    /// </summary>
    public double Scaled => !IsCounted ? double.NaN : TimeRunning == TimeEnabled ? Raw : (double)((UInt128)Raw * TimeEnabled / TimeRunning);

    /// <summary>Share of the enabled time the counter was running, from 0 to 1 (1 when never enabled).</summary>
    public double RunningShare => TimeEnabled == 0 ? 1.0 : (double)TimeRunning / TimeEnabled;

    /// <summary>The difference between this reading and an earlier one of the same counter.</summary>
    public CounterValue Since(CounterValue earlier) =>
        new(Raw - earlier.Raw, TimeEnabled - earlier.TimeEnabled, TimeRunning - earlier.TimeRunning);
}
