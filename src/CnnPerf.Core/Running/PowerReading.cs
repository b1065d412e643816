namespace CnnPerf.Running;

/// <summary>One power reading taken while a configuration ran.</summary>
/// <param name="TimestampNs">When, on CLOCK_MONOTONIC in nanoseconds (comparable with <see cref="PhaseTimeline"/>).</param>
/// <param name="Watts">Power.</param>
/// <param name="Volts">Bus voltage, when the meter reports it.</param>
/// <param name="Amperes">Current, when the meter reports it.</param>
public sealed record PowerReading(long TimestampNs, double Watts, double? Volts, double? Amperes);
