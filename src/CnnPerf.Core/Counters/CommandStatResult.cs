using CnnPerf.Metrics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Counters;

/// <summary>What <see cref="CommandStat"/> measured for one command.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
/// <param name="Metrics">
/// Counted metrics (ids of <see cref="MetricIds"/> where the event has one, else the event's name) and derived
/// ones.
/// </param>
/// <param name="Unavailable">
/// The requested events that could not be opened (with errno and reason), then those that opened but were never
/// counted (the reason, no errno).
/// </param>
public sealed record CommandStatResult(int ExitCode, TimeSpan Elapsed, IReadOnlyList<MetricValue> Metrics, IReadOnlyList<EventAvailability> Unavailable);
