using CnnPerf.Counters;
using CnnPerf.Native.Perf;

namespace CnnPerf.Core.Tests.Running;

/// <summary>A counter source whose instruction counter advances by a fixed step on every read, with a 50% running share.</summary>
internal sealed class FakeCounterSource(ulong step) : ICounterSource
{
    private ulong _reads;

    public string Name => "fake";

    public bool Started { get; private set; }

    public bool Disposed { get; private set; }

    public IReadOnlyList<CounterStatus> Probe() =>
    [
        new("hw.instructions", "instructions", "hardware", true, null, null),
        new("hw.cycles", "cycles", "hardware", false, "ENOENT", "no PMU in this VM"),
    ];

    public void Start() => Started = true;

    public CounterSnapshot Read()
    {
        _reads++;
        return new CounterSnapshot(new Dictionary<string, CounterValue> { ["hw.instructions"] = new(_reads * step, _reads * 2000, _reads * 1000) });
    }

    public void Dispose() => Disposed = true;
}
