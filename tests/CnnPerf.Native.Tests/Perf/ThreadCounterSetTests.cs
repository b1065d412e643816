using CnnPerf.Native.Perf;
using CnnPerf.Native.Processes;
using CnnPerf.Native.Tests.TestSupport;

namespace CnnPerf.Native.Tests.Perf;

public class ThreadCounterSetTests
{
    [Test]
    public void CountsAThreadThatExistedBeforeTheCountersOpened()
    {
        const int pages = 200;
        using var go = new ManualResetEventSlim();
        var tid = 0;
        var thread = new Thread(() =>
        {
            tid = CpuAffinity.CurrentThreadId;
            go.Wait();
            Workloads.TouchFreshPages(pages);
        });
        thread.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref tid) != 0);

        using var set = ThreadCounterSet.OpenForCurrentProcess(new PerfEventBuilder(), [SoftwareEvent.PageFaults, SoftwareEvent.TaskClock]);
        var before = set.ReadPerThread();
        go.Set();
        thread.Join();
        var after = set.ReadPerThread();

        Assert.That(set.ThreadIds, Does.Contain(tid));
        Assert.That(after[tid].Since(before[tid])[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo((ulong)pages));
        Assert.That(set.Read()[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo(after[tid][SoftwareEvent.PageFaults].Raw));
    }

    [Test]
    public void ThreadsThatDoNotExistAreSkipped()
    {
        using var set = ThreadCounterSet.Open(new PerfEventBuilder(), [SoftwareEvent.TaskClock], [int.MaxValue, CpuAffinity.CurrentThreadId]);
        Assert.That(set.ThreadIds, Is.EqualTo(new[] { CpuAffinity.CurrentThreadId }));
    }
}
