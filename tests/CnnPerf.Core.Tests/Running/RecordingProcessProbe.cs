using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

/// <summary>The real Linux probe, except that pinning is only recorded (tests must not change the test host's affinity).</summary>
internal sealed class RecordingProcessProbe : IProcessProbe
{
    private readonly LinuxProcessProbe _real = new();

    public List<int[]> Pins { get; } = [];

    public TimeSpan CpuTime() => _real.CpuTime();

    public long ResidentBytes() => _real.ResidentBytes();

    public long PeakResidentBytes() => _real.PeakResidentBytes();

    public IReadOnlySet<int> ThreadIds() => _real.ThreadIds();

    public void PinToCpus(IReadOnlyList<int> cpus) => Pins.Add([.. cpus]);
}
