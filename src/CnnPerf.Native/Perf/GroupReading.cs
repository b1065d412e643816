namespace CnnPerf.Native.Perf;

/// <summary>One reading of a counter group: a <see cref="CounterValue"/> per event, in the group's order.</summary>
public sealed class GroupReading
{
    /// <summary>Creates a reading; <paramref name="values"/> are in the order of <paramref name="events"/>.</summary>
    public GroupReading(IReadOnlyList<IPerfEvent> events, IReadOnlyList<CounterValue> values)
    {
        if (events.Count != values.Count)
        {
            throw new ArgumentException($"{events.Count} events but {values.Count} values", nameof(values));
        }
        Events = events;
        Values = values;
    }

    /// <summary>The events, in group order.</summary>
    public IReadOnlyList<IPerfEvent> Events { get; }

    /// <summary>The readings, in group order.</summary>
    public IReadOnlyList<CounterValue> Values { get; }

    /// <summary>The reading of one event of the group.</summary>
    /// <exception cref="KeyNotFoundException">The event is not in the group.</exception>
    public CounterValue this[IPerfEvent perfEvent]
    {
        get
        {
            for (var i = 0; i < Events.Count; i++)
            {
                if (Equals(Events[i], perfEvent))
                {
                    return Values[i];
                }
            }
            throw new KeyNotFoundException($"event {perfEvent.Name} is not in this group");
        }
    }

    /// <summary>The change since an earlier reading of the same group (the way to measure a phase).</summary>
    public GroupReading Since(GroupReading earlier)
    {
        if (earlier.Values.Count != Values.Count)
        {
            throw new ArgumentException($"the earlier reading has {earlier.Values.Count} values, this one {Values.Count}", nameof(earlier));
        }
        var delta = new CounterValue[Values.Count];
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = Values[i].Since(earlier.Values[i]);
        }
        return new GroupReading(Events, delta);
    }

    /// <summary>The sum of readings of the same events (for example per-thread groups of one process).</summary>
    public static GroupReading Sum(IReadOnlyList<IPerfEvent> events, IEnumerable<GroupReading> readings)
    {
        var total = new CounterValue[events.Count];
        foreach (var reading in readings)
        {
            for (var i = 0; i < total.Length; i++)
            {
                var value = reading.Values[i];
                total[i] = new CounterValue(total[i].Raw + value.Raw, total[i].TimeEnabled + value.TimeEnabled, total[i].TimeRunning + value.TimeRunning);
            }
        }
        return new GroupReading(events, total);
    }
}
