namespace CnnPerf.Native.Perf;

/// <summary><c>enum perf_type_id</c>: the fixed event types; PMUs found in sysfs have dynamic types above these.</summary>
public enum PerfEventType : uint
{
    /// <summary><c>PERF_TYPE_HARDWARE</c>: generalized CPU events (cycles, instructions...).</summary>
    Hardware = 0,
    /// <summary><c>PERF_TYPE_SOFTWARE</c>: kernel-counted events (task-clock, page-faults...).</summary>
    Software = 1,
    /// <summary><c>PERF_TYPE_TRACEPOINT</c>.</summary>
    Tracepoint = 2,
    /// <summary><c>PERF_TYPE_HW_CACHE</c>: generalized cache events (cache, op, result).</summary>
    HardwareCache = 3,
    /// <summary><c>PERF_TYPE_RAW</c>: a CPU-specific event code of the core PMU.</summary>
    Raw = 4,
    /// <summary><c>PERF_TYPE_BREAKPOINT</c>.</summary>
    Breakpoint = 5,
}
