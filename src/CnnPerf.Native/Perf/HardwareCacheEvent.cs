namespace CnnPerf.Native.Perf;

/// <summary>
/// A generalized cache event (<c>PERF_TYPE_HW_CACHE</c>): config = cache | op &lt;&lt; 8 | result &lt;&lt; 16,
/// named like perf (<c>L1-dcache-load-misses</c>).
/// </summary>
public sealed class HardwareCacheEvent : IPerfEvent
{
    private static readonly string[] CacheNames = ["L1-dcache", "L1-icache", "LLC", "dTLB", "iTLB", "branch", "node"];
    private static readonly string[] OpNames = ["load", "store", "prefetch"];

    /// <summary>Creates the event for one cache, operation and result.</summary>
    public HardwareCacheEvent(CacheId cache, CacheOp op, CacheResult result)
    {
        if ((int)cache >= CacheNames.Length || (int)op >= OpNames.Length || result > CacheResult.Miss)
        {
            throw new ArgumentOutOfRangeException(nameof(cache), $"no hw-cache event ({cache}, {op}, {result})");
        }
        Cache = cache;
        Op = op;
        Result = result;
        var opName = OpNames[(int)op];
        Name = result == CacheResult.Miss ? $"{CacheNames[(int)cache]}-{opName}-misses" : $"{CacheNames[(int)cache]}-{opName}s";
    }

    /// <summary>Every combination of cache, operation and result (42 events).</summary>
    public static IReadOnlyList<HardwareCacheEvent> All { get; } =
    [
        .. from cache in Enum.GetValues<CacheId>()
           from op in Enum.GetValues<CacheOp>()
           from result in Enum.GetValues<CacheResult>()
           select new HardwareCacheEvent(cache, op, result),
    ];

    /// <summary>The cache.</summary>
    public CacheId Cache { get; }

    /// <summary>The operation.</summary>
    public CacheOp Op { get; }

    /// <summary>The result.</summary>
    public CacheResult Result { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Kind => "hw-cache";

    /// <inheritdoc />
    public uint Type => (uint)PerfEventType.HardwareCache;

    /// <inheritdoc />
    public ulong Config => (ulong)Cache | (ulong)Op << 8 | (ulong)Result << 16;

    /// <inheritdoc />
    public override string ToString() => Name;
}
