namespace CnnPerf.Native.Perf;

/// <summary>The operation of a hardware cache event (<c>enum perf_hw_cache_op_id</c>).</summary>
public enum CacheOp : byte
{
    /// <summary>Reads (<c>load</c>).</summary>
    Read = 0,
    /// <summary>Writes (<c>store</c>).</summary>
    Write = 1,
    /// <summary>Prefetches (<c>prefetch</c>).</summary>
    Prefetch = 2,
}
