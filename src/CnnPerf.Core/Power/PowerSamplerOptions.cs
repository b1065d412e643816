namespace CnnPerf.Power;

/// <summary>How a <see cref="PowerSampler"/> paces and judges its meter.</summary>
/// <param name="Interval">
/// Target time between reads; null samples at the meter's own rate (<see cref="IPowerMeter.MinimumInterval"/>: an
/// INA219's conversion time, a hwmon driver's update interval). The meter's minimum wins when it is longer.
/// </param>
/// <param name="StallTimeout">A read that takes longer than this, or a gap this long without any read, makes the capture incomplete.</param>
/// <param name="MaxConsecutiveFailures">After this many failed reads in a row the meter counts as gone and sampling stops.</param>
public sealed record PowerSamplerOptions(TimeSpan? Interval, TimeSpan StallTimeout, int MaxConsecutiveFailures)
{
    /// <summary>The meter's own rate, 2 s stall timeout, 3 failures in a row.</summary>
    public static PowerSamplerOptions Default { get; } = new(null, TimeSpan.FromSeconds(2), 3);
}
