namespace CnnPerf.Native.Perf;

/// <summary>The result of a hardware cache event (<c>enum perf_hw_cache_op_result_id</c>).</summary>
public enum CacheResult : byte
{
    /// <summary>Every access.</summary>
    Access = 0,
    /// <summary>Accesses that missed.</summary>
    Miss = 1,
}
