namespace CnnPerf.Counters;

/// <summary>Where instruction-flow and memory metrics come from (software events are always counted).</summary>
public enum CounterMode
{
    /// <summary>The CPU's PMU through perf_event_open (<c>hw.*</c>).</summary>
    Hardware,
    /// <summary>Also a valgrind cache and branch simulation of every configuration (<c>sim.*</c>).</summary>
    Simulated,
    /// <summary>Hardware where the PMU counts instructions; simulated where it does not.</summary>
    Auto,
}
