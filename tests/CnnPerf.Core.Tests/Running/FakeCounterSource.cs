using CnnPerf.Counters;
using CnnPerf.Native.Perf;

namespace CnnPerf.Core.Tests.Running;

/// <summary>
/// A counter source whose instruction counter advances by a fixed step on every read, with a 50% running share.
/// With <paramref name="stopAfterReads"/> the instruction counter stops after that many reads, as a group that
/// fails to read does: later snapshots leave it out and the probe says why. With
/// <paramref name="withUnscheduledBranches"/> a branch counter is enabled but never scheduled (time running 0).
/// </summary>
internal sealed class FakeCounterSource(ulong step, int? stopAfterReads = null, bool withUnscheduledBranches = false) : ICounterSource
{
    public const string StopReason = "stopped counting mid-run: read(instructions) failed: ECHILD";

    private ulong _reads;

    public string Name => "fake";

    public bool Started { get; private set; }

    public bool Disposed { get; private set; }

    private bool Stopped => _reads > (ulong?)stopAfterReads;

    public IReadOnlyList<CounterStatus> Probe() =>
    [
        Stopped ? new("hw.instructions", "instructions", "hardware", false, "ECHILD", StopReason) : new("hw.instructions", "instructions", "hardware", true, null, null),
        new("hw.cycles", "cycles", "hardware", false, "ENOENT", "no PMU in this VM"),
        .. withUnscheduledBranches ? [new CounterStatus("hw.branches", "branches", "hardware", true, null, null)] : Array.Empty<CounterStatus>(),
    ];

    public void Start() => Started = true;

    public CounterSnapshot Read()
    {
        _reads++;
        var values = new Dictionary<string, CounterValue>();
        if (!Stopped)
        {
            values["hw.instructions"] = new(_reads * step, _reads * 2000, _reads * 1000);
        }
        if (withUnscheduledBranches)
        {
            values["hw.branches"] = new(0, _reads * 2000, 0);
        }
        return new CounterSnapshot(values);
    }

    public void Dispose() => Disposed = true;
}
