namespace CnnPerf.Metrics;

/// <summary>Where a metric value comes from.</summary>
public enum Provenance
{
    /// <summary>Counted or timed on the machine itself (PMU, software events, clocks, meters).</summary>
    Measured,
    /// <summary>Produced by a simulator (for example Valgrind's cache and branch simulator).</summary>
    Simulated,
    /// <summary>Computed from other metrics (for example IPC from instructions and cycles).</summary>
    Derived,
}
