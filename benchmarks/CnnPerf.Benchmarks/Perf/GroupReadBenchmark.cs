using BenchmarkDotNet.Attributes;
using CnnPerf.Native.Perf;

namespace CnnPerf.Benchmarks.Perf;

/// <summary>
/// One read of a group of 4 software events (one read() system call), the cost of a counter snapshot. With
/// inherit the kernel also sums the copies in threads created after the group opened, and a read it refuses while
/// such a thread starts or exits (the runtime's tiered-compilation worker exits after 4 s idle) is read again.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GroupReadBenchmark
{
    private readonly CounterValue[] _values = new CounterValue[4];
    private PerfCounterGroup _group = null!;

    [Params(false, true)]
    public bool Inherit { get; set; }

    [GlobalSetup]
    public void Open() => _group = new PerfEventBuilder { Inherit = Inherit }.OpenGroup(
        [SoftwareEvent.TaskClock, SoftwareEvent.PageFaults, SoftwareEvent.ContextSwitches, SoftwareEvent.CpuMigrations]);

    [GlobalCleanup]
    public void Close() => _group.Dispose();

    [Benchmark]
    public ulong ReadGroup()
    {
        _group.Read(_values);
        return _values[0].Raw;
    }
}
