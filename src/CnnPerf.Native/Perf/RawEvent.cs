namespace CnnPerf.Native.Perf;

/// <summary>A CPU-specific event code for the core PMU (<c>PERF_TYPE_RAW</c>), perf's <c>rNNNN</c>.</summary>
/// <param name="Config">The raw event code, for example 0x003c.</param>
public sealed record RawEvent(ulong Config) : IPerfEvent
{
    /// <inheritdoc />
    public string Name => $"r{Config:x}";

    /// <inheritdoc />
    public string Kind => "raw";

    /// <inheritdoc />
    public uint Type => (uint)PerfEventType.Raw;

    /// <inheritdoc />
    public override string ToString() => Name;
}
