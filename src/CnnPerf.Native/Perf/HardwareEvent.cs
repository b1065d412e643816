namespace CnnPerf.Native.Perf;

/// <summary>The generalized hardware events (<c>PERF_TYPE_HARDWARE</c>, <c>enum perf_hw_id</c>).</summary>
public sealed class HardwareEvent : IPerfEvent
{
    private HardwareEvent(string name, ulong config)
    {
        Name = name;
        Config = config;
    }

    /// <summary><c>PERF_COUNT_HW_CPU_CYCLES</c>.</summary>
    public static HardwareEvent CpuCycles { get; } = new("cycles", 0);
    /// <summary><c>PERF_COUNT_HW_INSTRUCTIONS</c>.</summary>
    public static HardwareEvent Instructions { get; } = new("instructions", 1);
    /// <summary><c>PERF_COUNT_HW_CACHE_REFERENCES</c>.</summary>
    public static HardwareEvent CacheReferences { get; } = new("cache-references", 2);
    /// <summary><c>PERF_COUNT_HW_CACHE_MISSES</c>.</summary>
    public static HardwareEvent CacheMisses { get; } = new("cache-misses", 3);
    /// <summary><c>PERF_COUNT_HW_BRANCH_INSTRUCTIONS</c>.</summary>
    public static HardwareEvent BranchInstructions { get; } = new("branches", 4);
    /// <summary><c>PERF_COUNT_HW_BRANCH_MISSES</c>.</summary>
    public static HardwareEvent BranchMisses { get; } = new("branch-misses", 5);
    /// <summary><c>PERF_COUNT_HW_BUS_CYCLES</c>.</summary>
    public static HardwareEvent BusCycles { get; } = new("bus-cycles", 6);
    /// <summary><c>PERF_COUNT_HW_STALLED_CYCLES_FRONTEND</c>.</summary>
    public static HardwareEvent StalledCyclesFrontend { get; } = new("stalled-cycles-frontend", 7);
    /// <summary><c>PERF_COUNT_HW_STALLED_CYCLES_BACKEND</c>.</summary>
    public static HardwareEvent StalledCyclesBackend { get; } = new("stalled-cycles-backend", 8);
    /// <summary><c>PERF_COUNT_HW_REF_CPU_CYCLES</c>.</summary>
    public static HardwareEvent RefCpuCycles { get; } = new("ref-cycles", 9);

    /// <summary>Every generalized hardware event.</summary>
    public static IReadOnlyList<HardwareEvent> All { get; } =
    [
        CpuCycles, Instructions, CacheReferences, CacheMisses, BranchInstructions, BranchMisses, BusCycles,
        StalledCyclesFrontend, StalledCyclesBackend, RefCpuCycles,
    ];

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Kind => "hardware";

    /// <inheritdoc />
    public uint Type => (uint)PerfEventType.Hardware;

    /// <inheritdoc />
    public ulong Config { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
