namespace CnnPerf.Native.Perf;

/// <summary>Finds out which events open on this machine by opening and closing each one.</summary>
public static class PerfEventProbe
{
    /// <summary>Every standard event: the generalized hardware, hw-cache and software events.</summary>
    public static IReadOnlyList<IPerfEvent> StandardEvents { get; } =
        [.. HardwareEvent.All, .. HardwareCacheEvent.All, .. SoftwareEvent.All];

    /// <summary>Probes every standard event for the calling thread.</summary>
    public static IReadOnlyList<EventAvailability> ProbeStandard() => Probe(StandardEvents, new PerfEventBuilder { Disabled = true });

    /// <summary>Opens and closes each event with <paramref name="builder"/>'s settings.</summary>
    /// <returns>One entry per event, in order.</returns>
    public static IReadOnlyList<EventAvailability> Probe(IEnumerable<IPerfEvent> events, PerfEventBuilder builder)
    {
        var results = new List<EventAvailability>();
        foreach (var perfEvent in events)
        {
            results.Add(Probe(perfEvent, builder));
        }
        return results;
    }

    /// <summary>Opens and closes one event with <paramref name="builder"/>'s settings.</summary>
    public static EventAvailability Probe(IPerfEvent perfEvent, PerfEventBuilder builder)
    {
        try
        {
            using var counter = builder.Open(perfEvent);
            return new EventAvailability(perfEvent, true, null, null);
        }
        catch (PerfEventException e)
        {
            return new EventAvailability(perfEvent, false, e.Errno, e.Hint ?? e.Message);
        }
    }
}
