namespace CnnPerf.Counters;

/// <summary>Whether one counter can be opened here, and why not when it cannot.</summary>
/// <param name="MetricId">The metric the counter feeds, for example <c>hw.instructions</c>.</param>
/// <param name="EventName">The event's name as perf spells it, for example <c>instructions</c>.</param>
/// <param name="Kind">The event family, for example <c>hardware</c>, <c>hw-cache</c>, <c>software</c>.</param>
/// <param name="Available">
/// True when it opened (and, in a result, counted through the measured phase); false when it did not open,
/// stopped counting mid-run or was not counted (never scheduled).
/// </param>
/// <param name="Errno">The errno name when a system call failed (for example <c>ENOENT</c>).</param>
/// <param name="Reason">The reason and the user's fix when it is unavailable.</param>
public sealed record CounterStatus(string MetricId, string EventName, string Kind, bool Available, string? Errno, string? Reason);
