using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Tests.Perf;

public class HardwareCacheEventTests
{
    [TestCase(CacheId.L1D, CacheOp.Read, CacheResult.Miss, "L1-dcache-load-misses", 0x10000UL)]
    [TestCase(CacheId.LL, CacheOp.Read, CacheResult.Access, "LLC-loads", 0x2UL)]
    [TestCase(CacheId.DTLB, CacheOp.Write, CacheResult.Miss, "dTLB-store-misses", 0x10103UL)]
    [TestCase(CacheId.BPU, CacheOp.Read, CacheResult.Access, "branch-loads", 0x5UL)]
    [TestCase(CacheId.L1I, CacheOp.Prefetch, CacheResult.Miss, "L1-icache-prefetch-misses", 0x10201UL)]
    public void EncodesConfigAndNamesLikePerf(CacheId cache, CacheOp op, CacheResult result, string name, ulong config)
    {
        var perfEvent = new HardwareCacheEvent(cache, op, result);
        Assert.That((perfEvent.Name, perfEvent.Config, perfEvent.Type), Is.EqualTo((name, config, (uint)PerfEventType.HardwareCache)));
    }

    [Test]
    public void ListsAllFortyTwoCombinationsWithDistinctNames()
    {
        Assert.That(HardwareCacheEvent.All.Select(e => e.Name).Distinct().Count(), Is.EqualTo(42));
    }
}
