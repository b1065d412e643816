namespace CnnPerf.Native.Perf;

/// <summary>The cache of a hardware cache event (<c>enum perf_hw_cache_id</c>).</summary>
public enum CacheId : byte
{
    /// <summary>Level 1 data cache (<c>L1-dcache</c>).</summary>
    L1D = 0,
    /// <summary>Level 1 instruction cache (<c>L1-icache</c>).</summary>
    L1I = 1,
    /// <summary>Last-level cache (<c>LLC</c>).</summary>
    LL = 2,
    /// <summary>Data TLB (<c>dTLB</c>).</summary>
    DTLB = 3,
    /// <summary>Instruction TLB (<c>iTLB</c>).</summary>
    ITLB = 4,
    /// <summary>Branch prediction unit (<c>branch</c>).</summary>
    BPU = 5,
    /// <summary>Local memory accesses (<c>node</c>).</summary>
    Node = 6,
}
