namespace CnnPerf.Native.Interop;

/// <summary>The bit-field word of <c>struct perf_event_attr</c> (offset 40), bit by bit as the kernel declares it.</summary>
[Flags]
internal enum PerfEventFlags : ulong
{
    None = 0,
    /// <summary><c>disabled</c>: off by default.</summary>
    Disabled = 1UL << 0,
    /// <summary><c>inherit</c>: children inherit it.</summary>
    Inherit = 1UL << 1,
    /// <summary><c>pinned</c>: must always be on PMU.</summary>
    Pinned = 1UL << 2,
    /// <summary><c>exclusive</c>: only group on PMU.</summary>
    Exclusive = 1UL << 3,
    /// <summary><c>exclude_user</c>.</summary>
    ExcludeUser = 1UL << 4,
    /// <summary><c>exclude_kernel</c>.</summary>
    ExcludeKernel = 1UL << 5,
    /// <summary><c>exclude_hv</c>.</summary>
    ExcludeHv = 1UL << 6,
    /// <summary><c>exclude_idle</c>.</summary>
    ExcludeIdle = 1UL << 7,
    /// <summary><c>inherit_stat</c>: per task counts.</summary>
    InheritStat = 1UL << 11,
    /// <summary><c>enable_on_exec</c>: next exec enables.</summary>
    EnableOnExec = 1UL << 12,
    /// <summary><c>exclude_host</c>.</summary>
    ExcludeHost = 1UL << 19,
    /// <summary><c>exclude_guest</c>.</summary>
    ExcludeGuest = 1UL << 20,
    /// <summary><c>inherit_thread</c>: children only inherit if cloned with CLONE_THREAD.</summary>
    InheritThread = 1UL << 35,
    /// <summary><c>remove_on_exec</c>: event is removed from task on exec.</summary>
    RemoveOnExec = 1UL << 36,
}
