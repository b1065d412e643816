namespace CnnPerf.Power;

/// <summary>One timestamped power sample.</summary>
/// <param name="Seconds">CLOCK_MONOTONIC time in seconds (see <see cref="MonotonicClock"/>).</param>
/// <param name="Watts">Power in watts.</param>
/// <param name="Joules">Cumulative energy of an energy-counter meter; null for meters that measure power.</param>
public readonly record struct PowerSample(double Seconds, double Watts, double? Joules = null);
