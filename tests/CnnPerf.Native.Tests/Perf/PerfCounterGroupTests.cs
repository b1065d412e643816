using CnnPerf.Native.Perf;
using CnnPerf.Native.Processes;
using CnnPerf.Native.Tests.TestSupport;

namespace CnnPerf.Native.Tests.Perf;

public class PerfCounterGroupTests
{
    private static readonly IPerfEvent[] Software =
        [SoftwareEvent.TaskClock, SoftwareEvent.PageFaults, SoftwareEvent.ContextSwitches, SoftwareEvent.CpuMigrations];

    [Test]
    public void AnInheritGroupCountsTheWorkOfTwoThreadsStartedAfterwards()
    {
        const int pages = 300;
        var threadCpu = new double[2];
        using var group = new PerfEventBuilder { Inherit = true }.OpenGroup(Software);
        var before = group.Read();
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            Workloads.TouchFreshPages(pages);
            Workloads.Spin(20_000_000);
            threadCpu[i] = ResourceUsage.OfCurrentThread().CpuTime.TotalMilliseconds;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var delta = group.Read().Since(before);

        // The threads' counts fold into the group when they exit.
        Assert.That(delta[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo(2UL * pages));
        Assert.That(delta[SoftwareEvent.TaskClock].Raw / 1e6, Is.GreaterThanOrEqualTo(0.9 * threadCpu.Sum()),
            $"task-clock covers both threads' CPU time ({threadCpu[0]:F1} + {threadCpu[1]:F1} ms)");
    }

    [Test]
    public void AGroupReadReturnsEveryMemberWithSharedTimes()
    {
        using var group = new PerfEventBuilder().OpenGroup(Software);
        Workloads.TouchFreshPages(10);
        var reading = group.Read();

        Assert.That(reading.Events, Is.EqualTo(Software));
        Assert.That(reading.Values.Select(v => v.TimeEnabled).Distinct().Count(), Is.EqualTo(1));
        Assert.That(reading[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo(10UL), string.Join(" ", reading.Values));
        Assert.Throws<KeyNotFoundException>(() => _ = reading[SoftwareEvent.Dummy]);
    }

    [Test]
    public void GroupEnableAndDisableSwitchEveryMember()
    {
        using var group = new PerfEventBuilder { Disabled = true }.OpenGroup(Software);
        Workloads.TouchFreshPages(20);
        Assert.That(group.Read().Values.All(v => v.Raw == 0), Is.True);
        group.Enable();
        Workloads.TouchFreshPages(20);
        group.Disable();
        var stopped = group.Read();
        Workloads.TouchFreshPages(20);

        Assert.That(stopped[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo(20UL));
        Assert.That(group.Read()[SoftwareEvent.PageFaults], Is.EqualTo(stopped[SoftwareEvent.PageFaults]));
    }

    [Test]
    public void OpeningAndDisposingTenThousandGroupsLeavesTheFdCountUnchanged()
    {
        var before = Workloads.OpenPerfEventDescriptors();
        var builder = new PerfEventBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            using var group = builder.OpenGroup(Software);
            if (i % 1000 == 0)
            {
                group.Read();
                Assert.That(Workloads.OpenPerfEventDescriptors(), Is.EqualTo(before + Software.Length));
            }
        }
        // Failed opens clean up what they opened too.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                builder.OpenGroup([SoftwareEvent.TaskClock, new SoftwareLikeUnknownEvent()]).Dispose();
            }
            catch (PerfEventException)
            {
            }
        }
        Assert.That(Workloads.OpenPerfEventDescriptors(), Is.EqualTo(before));
    }

    [Test]
    public void ReadIntoASpanDoesNotNeedAnAllocationAndRejectsAShortSpan()
    {
        using var group = new PerfEventBuilder().OpenGroup(Software);
        Span<CounterValue> values = stackalloc CounterValue[4];
        group.Read(values);
        Assert.That(values[0].Raw, Is.GreaterThan(0UL));
        Assert.Throws<ArgumentException>(() => group.Read(new CounterValue[3]));
        group.Dispose();
        Assert.Throws<ObjectDisposedException>(() => group.Read());
    }

    [Test]
    public void AThreadCreatedWhileAnInheritGroupOpensDoesNotBreakGroupReads()
    {
        // The thread inherits a copy of the incomplete group (leader only): the kernel refuses group reads with
        // ECHILD while it lives, so the group is reopened.
        using var release = new ManualResetEventSlim();
        Thread? straggler = null;
        using var group = new PerfEventBuilder { Inherit = true }.OpenGroup(Software, afterLeader: () =>
        {
            straggler = new Thread(release.Wait);
            straggler.Start();
        });
        try
        {
            Workloads.TouchFreshPages(20);
            Assert.That(group.Read()[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo(20UL));
        }
        finally
        {
            release.Set();
            straggler?.Join();
        }
    }

    /// <summary>A software-type event with a config no kernel knows (fails with ENOENT).</summary>
    private sealed class SoftwareLikeUnknownEvent : IPerfEvent
    {
        public string Name => "unknown-software";
        public string Kind => "software";
        public uint Type => (uint)PerfEventType.Software;
        public ulong Config => 999;
    }
}
