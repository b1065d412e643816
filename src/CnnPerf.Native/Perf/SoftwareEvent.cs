namespace CnnPerf.Native.Perf;

/// <summary>The kernel's software events (<c>PERF_TYPE_SOFTWARE</c>, <c>enum perf_sw_ids</c>); they need no PMU.</summary>
public sealed class SoftwareEvent : IPerfEvent
{
    private SoftwareEvent(string name, ulong config)
    {
        Name = name;
        Config = config;
    }

    /// <summary><c>PERF_COUNT_SW_CPU_CLOCK</c>: nanoseconds of the per-CPU clock.</summary>
    public static SoftwareEvent CpuClock { get; } = new("cpu-clock", 0);
    /// <summary><c>PERF_COUNT_SW_TASK_CLOCK</c>: nanoseconds the counted tasks ran.</summary>
    public static SoftwareEvent TaskClock { get; } = new("task-clock", 1);
    /// <summary><c>PERF_COUNT_SW_PAGE_FAULTS</c>.</summary>
    public static SoftwareEvent PageFaults { get; } = new("page-faults", 2);
    /// <summary><c>PERF_COUNT_SW_CONTEXT_SWITCHES</c>.</summary>
    public static SoftwareEvent ContextSwitches { get; } = new("context-switches", 3);
    /// <summary><c>PERF_COUNT_SW_CPU_MIGRATIONS</c>.</summary>
    public static SoftwareEvent CpuMigrations { get; } = new("cpu-migrations", 4);
    /// <summary><c>PERF_COUNT_SW_PAGE_FAULTS_MIN</c>.</summary>
    public static SoftwareEvent MinorFaults { get; } = new("minor-faults", 5);
    /// <summary><c>PERF_COUNT_SW_PAGE_FAULTS_MAJ</c>.</summary>
    public static SoftwareEvent MajorFaults { get; } = new("major-faults", 6);
    /// <summary><c>PERF_COUNT_SW_ALIGNMENT_FAULTS</c>.</summary>
    public static SoftwareEvent AlignmentFaults { get; } = new("alignment-faults", 7);
    /// <summary><c>PERF_COUNT_SW_EMULATION_FAULTS</c>.</summary>
    public static SoftwareEvent EmulationFaults { get; } = new("emulation-faults", 8);
    /// <summary><c>PERF_COUNT_SW_DUMMY</c>: counts nothing.</summary>
    public static SoftwareEvent Dummy { get; } = new("dummy", 9);
    /// <summary><c>PERF_COUNT_SW_BPF_OUTPUT</c>: only meaningful for sampling with BPF.</summary>
    public static SoftwareEvent BpfOutput { get; } = new("bpf-output", 10);
    /// <summary><c>PERF_COUNT_SW_CGROUP_SWITCHES</c>.</summary>
    public static SoftwareEvent CgroupSwitches { get; } = new("cgroup-switches", 11);

    /// <summary>Every software event.</summary>
    public static IReadOnlyList<SoftwareEvent> All { get; } =
    [
        CpuClock, TaskClock, PageFaults, ContextSwitches, CpuMigrations, MinorFaults, MajorFaults, AlignmentFaults,
        EmulationFaults, Dummy, BpfOutput, CgroupSwitches,
    ];

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Kind => "software";

    /// <inheritdoc />
    public uint Type => (uint)PerfEventType.Software;

    /// <inheritdoc />
    public ulong Config { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
