using CnnPerf.Native.Perf;

namespace CnnPerf.Counters;

/// <summary>Which perf event feeds which metric, and which events are opened as one group.</summary>
/// <param name="MetricId">The metric id (see <see cref="Metrics.MetricIds"/>).</param>
/// <param name="Event">The perf event.</param>
/// <param name="Group">
/// Events with the same group name are scheduled together on the PMU, so ratios between them (IPC, miss
/// ratios) come from the same time slices.
/// </param>
public sealed record PerfCounterMapping(string MetricId, IPerfEvent Event, string Group)
{
    /// <summary>
    /// The standard mapping: the software events of <c>sw.*</c> in one group and the hardware events of
    /// <c>hw.*</c> in small groups of related events.
    /// </summary>
    public static IReadOnlyList<PerfCounterMapping> Standard { get; } =
    [
        new("sw.task_clock_ms", SoftwareEvent.TaskClock, "software"),
        new("sw.context_switches", SoftwareEvent.ContextSwitches, "software"),
        new("sw.page_faults", SoftwareEvent.PageFaults, "software"),
        new("sw.minor_faults", SoftwareEvent.MinorFaults, "software"),
        new("sw.major_faults", SoftwareEvent.MajorFaults, "software"),
        new("sw.cpu_migrations", SoftwareEvent.CpuMigrations, "software"),
        new("hw.instructions", HardwareEvent.Instructions, "ipc"),
        new("hw.cycles", HardwareEvent.CpuCycles, "ipc"),
        new("hw.cache_references", HardwareEvent.CacheReferences, "cache"),
        new("hw.cache_misses", HardwareEvent.CacheMisses, "cache"),
        new("hw.branches", HardwareEvent.BranchInstructions, "branch"),
        new("hw.branch_misses", HardwareEvent.BranchMisses, "branch"),
        new("hw.l1d_reads", new HardwareCacheEvent(CacheId.L1D, CacheOp.Read, CacheResult.Access), "l1d"),
        new("hw.l1d_read_misses", new HardwareCacheEvent(CacheId.L1D, CacheOp.Read, CacheResult.Miss), "l1d"),
        new("hw.llc_reads", new HardwareCacheEvent(CacheId.LL, CacheOp.Read, CacheResult.Access), "llc"),
        new("hw.llc_misses", new HardwareCacheEvent(CacheId.LL, CacheOp.Read, CacheResult.Miss), "llc"),
        new("hw.dtlb_read_misses", new HardwareCacheEvent(CacheId.DTLB, CacheOp.Read, CacheResult.Miss), "dtlb"),
        new("hw.stalled_cycles_frontend", HardwareEvent.StalledCyclesFrontend, "stalls"),
        new("hw.stalled_cycles_backend", HardwareEvent.StalledCyclesBackend, "stalls"),
    ];

    /// <summary>The metric id the standard mapping gives an event (matched by type and config), or null.</summary>
    public static string? MetricIdOf(IPerfEvent perfEvent) =>
        Standard.FirstOrDefault(m => m.Event.Type == perfEvent.Type && m.Event.Config == perfEvent.Config
            && m.Event.Config1 == perfEvent.Config1 && m.Event.Config2 == perfEvent.Config2)?.MetricId;
}
