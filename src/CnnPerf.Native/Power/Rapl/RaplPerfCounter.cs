using CnnPerf.Native.Perf;
using CnnPerf.Native.Perf.Sysfs;
using CnnPerf.Native.Processes;

namespace CnnPerf.Native.Power.Rapl;

/// <summary>
/// RAPL energy through the perf <c>power</c> PMU (<c>power/energy-pkg/</c>, <c>energy-cores</c>, <c>energy-ram</c>,
/// <c>energy-psys</c>, <c>energy-gpu</c>: whichever the PMU lists), for machines where powercap's <c>energy_uj</c> is root-only but perf is allowed
/// (CAP_PERFMON or perf_event_paranoid 0). The event is counted system-wide on one CPU per package (the PMU's
/// <c>cpumask</c>) and scaled by its sysfs <c>.scale</c> (2^-32 J on Intel). The kernel keeps the count in 64
/// bits, so there is no wrap-around to undo.
/// </summary>
public sealed class RaplPerfCounter : IEnergyCounter
{
    private readonly IReadOnlyList<PerfCounter> _counters;
    private readonly ulong[] _first;

    private RaplPerfCounter(string eventName, PmuEvent energyEvent, IReadOnlyList<int> cpus, IReadOnlyList<PerfCounter> counters)
    {
        EventName = eventName;
        Event = energyEvent;
        Cpus = cpus;
        _counters = counters;
        _first = counters.Select(c => c.Read().Raw).ToArray();
    }

    /// <summary>The event's name in the PMU, for example <c>energy-pkg</c>.</summary>
    public string EventName { get; }

    /// <summary>The resolved event, with its scale and unit.</summary>
    public PmuEvent Event { get; }

    /// <summary>The CPUs counted (one per package).</summary>
    public IReadOnlyList<int> Cpus { get; }

    /// <summary>The energy events a power PMU usually has, in the order a meter without a named event prefers them.</summary>
    public static IReadOnlyList<string> PreferredEvents { get; } = ["energy-pkg", "energy-psys", "energy-cores", "energy-ram", "energy-gpu"];

    /// <summary>
    /// The <c>energy-*</c> events the power PMU lists, the usual ones in <see cref="PreferredEvents"/> order first,
    /// then any other in name order.
    /// </summary>
    /// <param name="eventSources">The PMU directory, <c>/sys/bus/event_source/devices</c>.</param>
    /// <exception cref="CnnPerfException">There is no power PMU.</exception>
    public static IReadOnlyList<string> EnergyEvents(string eventSources = PmuCatalog.DefaultRoot)
    {
        var power = Path.Combine(eventSources, "power");
        if (!File.Exists(Path.Combine(power, "type")))
        {
            throw new CnnPerfException($"no perf power PMU: {power} does not exist (no RAPL on this CPU or VM)");
        }
        var events = Path.Combine(power, "events");
        var names = Directory.Exists(events)
            ? Directory.EnumerateFiles(events, "energy-*").Select(Path.GetFileName).OfType<string>().Where(n => !n.Contains('.')).ToList()
            : [];
        int Rank(string name) => PreferredEvents.Contains(name) ? PreferredEvents.TakeWhile(p => p != name).Count() : PreferredEvents.Count;
        return [.. names.OrderBy(Rank).ThenBy(n => n, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Opens <c>power/<paramref name="eventName"/>/</c> on every CPU of the PMU's cpumask. The caller owns the counter.
    /// </summary>
    /// <param name="eventName">The event, for example <c>energy-pkg</c>; null for the first of <see cref="EnergyEvents"/>.</param>
    /// <param name="eventSources">The PMU directory, <c>/sys/bus/event_source/devices</c>.</param>
    /// <exception cref="CnnPerfException">No power PMU, no energy event or no such event (with the events that exist), not in joules, or the open failed (with errno and hint).</exception>
    public static RaplPerfCounter Open(string? eventName = null, string eventSources = PmuCatalog.DefaultRoot)
    {
        var available = EnergyEvents(eventSources);
        eventName ??= available.Count > 0
            ? available[0]
            : throw new CnnPerfException($"the perf power PMU lists no energy-* event in {Path.Combine(eventSources, "power", "events")}");
        var energyEvent = new PmuCatalog(eventSources).Resolve($"power/{eventName}/");
        if (energyEvent.Unit is not "Joules")
        {
            throw new CnnPerfException($"power/{eventName}/ counts '{energyEvent.Unit ?? "no unit"}', not Joules");
        }
        var cpus = CpuList.Parse(SysfsFile.ReadText(Path.Combine(eventSources, "power", "cpumask")) ?? "0");
        var counters = new List<PerfCounter>(cpus.Count);
        try
        {
            foreach (var cpu in cpus)
            {
                counters.Add(new PerfEventBuilder { Pid = -1, Cpu = cpu }.Open(energyEvent));
            }
            return new RaplPerfCounter(eventName, energyEvent, cpus, counters);
        }
        catch
        {
            counters.ForEach(c => c.Dispose());
            throw;
        }
    }

    /// <summary>Energy in joules since the counter opened, summed over the packages.</summary>
    /// <exception cref="PerfEventException">A read failed.</exception>
    public double ReadJoules()
    {
        var total = 0.0;
        for (var i = 0; i < _counters.Count; i++)
        {
            total += (_counters[i].Read().Raw - _first[i]) * Event.Scale;
        }
        return total;
    }

    /// <summary>Closes the counters.</summary>
    public void Dispose()
    {
        foreach (var counter in _counters)
        {
            counter.Dispose();
        }
    }
}
