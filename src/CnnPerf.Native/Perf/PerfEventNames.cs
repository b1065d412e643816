using System.Globalization;
using CnnPerf.Native.Perf.Sysfs;

namespace CnnPerf.Native.Perf;

/// <summary>Parses event names the way <c>perf stat -e</c> spells them.</summary>
public static class PerfEventNames
{
    private static readonly Dictionary<string, IPerfEvent> ByName = BuildNames();

    /// <summary>
    /// Parses one event: a standard name (<c>task-clock</c>, <c>cycles</c>, <c>L1-dcache-load-misses</c>, perf's
    /// aliases such as <c>cs</c> or <c>faults</c>), a raw code (<c>r003c</c>) or a PMU event
    /// (<c>cpu/event=0x3c/</c>, <c>power/energy-pkg/</c>) resolved with <paramref name="pmus"/>.
    /// </summary>
    /// <exception cref="CnnPerfException">The name is not an event.</exception>
    public static IPerfEvent Parse(string name, PmuCatalog? pmus = null)
    {
        var trimmed = name.Trim();
        if (ByName.TryGetValue(trimmed, out var known))
        {
            return known;
        }
        if (PmuCatalog.IsPmuSpec(trimmed))
        {
            return (pmus ?? new PmuCatalog()).Resolve(trimmed);
        }
        if (trimmed.Length > 1 && trimmed[0] == 'r'
            && ulong.TryParse(trimmed.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var raw))
        {
            return new RawEvent(raw);
        }
        throw new CnnPerfException($"unknown event '{trimmed}': use a perf event name (task-clock, cycles, L1-dcache-load-misses...), rNNNN or pmu/terms/");
    }

    /// <summary>Parses a comma-separated list, keeping commas inside <c>pmu/.../</c> terms.</summary>
    /// <exception cref="CnnPerfException">An entry is not an event.</exception>
    public static IReadOnlyList<IPerfEvent> ParseList(string list, PmuCatalog? pmus = null)
    {
        var events = new List<IPerfEvent>();
        var start = 0;
        var slashes = 0;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i < list.Length && list[i] == '/')
            {
                slashes++;
            }
            // A comma separates events unless it stands between the two slashes of pmu/terms/.
            if (i == list.Length || list[i] == ',' && slashes % 2 == 0)
            {
                var entry = list[start..i].Trim();
                if (entry.Length > 0)
                {
                    events.Add(Parse(entry, pmus));
                }
                start = i + 1;
            }
        }
        return events.Count > 0 ? events : throw new CnnPerfException("no event given");
    }

    private static Dictionary<string, IPerfEvent> BuildNames()
    {
        var names = new Dictionary<string, IPerfEvent>(StringComparer.Ordinal);
        foreach (var perfEvent in PerfEventProbe.StandardEvents)
        {
            names[perfEvent.Name] = perfEvent;
        }
        names["cpu-cycles"] = HardwareEvent.CpuCycles;
        names["branch-instructions"] = HardwareEvent.BranchInstructions;
        names["idle-cycles-frontend"] = HardwareEvent.StalledCyclesFrontend;
        names["idle-cycles-backend"] = HardwareEvent.StalledCyclesBackend;
        names["faults"] = SoftwareEvent.PageFaults;
        names["cs"] = SoftwareEvent.ContextSwitches;
        names["migrations"] = SoftwareEvent.CpuMigrations;
        return names;
    }
}
