namespace CnnPerf.Running;

/// <summary>
/// What the runner reads about its own process besides counters: CPU time, memory, threads, and CPU pinning.
/// A seam, so the runner's arithmetic is tested with recorded values.
/// </summary>
public interface IProcessProbe
{
    /// <summary>User plus system CPU time of the whole process so far (getrusage RUSAGE_SELF).</summary>
    TimeSpan CpuTime();

    /// <summary>Current resident set size in bytes.</summary>
    long ResidentBytes();

    /// <summary>Peak resident set size in bytes since the process started.</summary>
    long PeakResidentBytes();

    /// <summary>The ids of the process's threads that exist now.</summary>
    IReadOnlySet<int> ThreadIds();

    /// <summary>Restricts the calling thread, and the threads it creates from now on, to the given CPUs.</summary>
    void PinToCpus(IReadOnlyList<int> cpus);
}
