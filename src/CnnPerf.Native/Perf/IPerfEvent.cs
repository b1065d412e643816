namespace CnnPerf.Native.Perf;

/// <summary>An event that a counter can count: the type and config words of <c>perf_event_attr</c>, and names.</summary>
public interface IPerfEvent
{
    /// <summary>The event's name as perf spells it, for example <c>task-clock</c> or <c>L1-dcache-load-misses</c>.</summary>
    string Name { get; }

    /// <summary>The family: <c>hardware</c>, <c>hw-cache</c>, <c>software</c>, <c>raw</c> or <c>pmu</c>.</summary>
    string Kind { get; }

    /// <summary>The attr's <c>type</c>: a <see cref="PerfEventType"/> value or a sysfs PMU's type.</summary>
    uint Type { get; }

    /// <summary>The attr's <c>config</c>.</summary>
    ulong Config { get; }

    /// <summary>The attr's <c>config1</c>.</summary>
    ulong Config1 => 0;

    /// <summary>The attr's <c>config2</c>.</summary>
    ulong Config2 => 0;

    /// <summary>The attr's <c>config3</c>.</summary>
    ulong Config3 => 0;

    /// <summary>True when the event needs a CPU or device PMU (false for kernel software events).</summary>
    bool NeedsPmu => Type != (uint)PerfEventType.Software;
}
