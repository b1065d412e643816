using CnnPerf.Native.Processes;

namespace CnnPerf.Running;

/// <summary>The process probe of a Linux process: getrusage, /proc/self/status, /proc/self/task and sched_setaffinity.</summary>
public sealed class LinuxProcessProbe : IProcessProbe
{
    private readonly ProcFs _proc = new();

    /// <inheritdoc />
    public TimeSpan CpuTime() => ResourceUsage.OfProcess().CpuTime;

    /// <inheritdoc />
    public long ResidentBytes() => _proc.ReadStatus().ResidentBytes;

    /// <inheritdoc />
    public long PeakResidentBytes() => _proc.ReadStatus().PeakResidentBytes;

    /// <inheritdoc />
    public IReadOnlySet<int> ThreadIds() => _proc.ThreadIds().ToHashSet();

    /// <inheritdoc />
    /// <remarks>
    /// Pins every existing thread of the process (the runtime's thread pool included) and, through inheritance,
    /// every thread created afterwards, such as a framework's intra-op pool.
    /// </remarks>
    public void PinToCpus(IReadOnlyList<int> cpus) => CpuAffinity.SetProcess(Environment.ProcessId, [.. cpus]);
}
