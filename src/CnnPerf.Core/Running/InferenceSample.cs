namespace CnnPerf.Running;

/// <summary>One measured inference.</summary>
/// <param name="Index">Position in the measured phase, from 0.</param>
/// <param name="StartNs">Start on CLOCK_MONOTONIC, in nanoseconds (aligns with power samples taken by the host).</param>
/// <param name="LatencyMs">Wall-clock latency.</param>
/// <param name="Counters">Change of each counter across this inference (scaled), by metric id; empty when counters were not read per inference.</param>
public sealed record InferenceSample(int Index, long StartNs, double LatencyMs, IReadOnlyDictionary<string, double> Counters);
