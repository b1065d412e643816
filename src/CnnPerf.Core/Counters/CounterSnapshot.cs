using CnnPerf.Native.Perf;

namespace CnnPerf.Counters;

/// <summary>
/// Cumulative readings of every open counter at one instant, keyed by metric id. Counts are in the event's own
/// unit: time-valued metrics (unit ms, such as <c>sw.task_clock_ms</c>) hold nanoseconds.
/// </summary>
public sealed class CounterSnapshot
{
    /// <summary>Creates a snapshot from readings keyed by metric id.</summary>
    public CounterSnapshot(IReadOnlyDictionary<string, CounterValue> values)
    {
        Values = values;
    }

    /// <summary>A snapshot with no counters.</summary>
    public static CounterSnapshot Empty { get; } = new(new Dictionary<string, CounterValue>());

    /// <summary>The readings by metric id.</summary>
    public IReadOnlyDictionary<string, CounterValue> Values { get; }

    /// <summary>The change of every counter since an earlier snapshot of the same source.</summary>
    public CounterSnapshot Since(CounterSnapshot earlier)
    {
        var delta = new Dictionary<string, CounterValue>(Values.Count, StringComparer.Ordinal);
        foreach (var (id, value) in Values)
        {
            delta[id] = earlier.Values.TryGetValue(id, out var before) ? value.Since(before) : value;
        }
        return new CounterSnapshot(delta);
    }
}
