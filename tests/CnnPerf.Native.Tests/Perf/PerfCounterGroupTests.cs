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
        Assert.That(reading.Values.Select(v => v.TimeEnabled).Distinct().Count(), Is.EqualTo(1), string.Join(" ", reading.Values));
        Assert.That(reading.Values.Select(v => v.TimeRunning).Distinct().Count(), Is.EqualTo(1), string.Join(" ", reading.Values));
        Assert.That(reading.Values[0].TimeEnabled, Is.GreaterThan(0UL), "every member's value is filled from the one read");
        Assert.That(reading[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo(10UL), string.Join(" ", reading.Values));
        Assert.That(reading[SoftwareEvent.TaskClock].Raw, Is.GreaterThan(0UL));
        Assert.Throws<KeyNotFoundException>(() => _ = reading[SoftwareEvent.Dummy]);
    }

    [Test]
    public void GroupEnableAndDisableSwitchEveryMember()
    {
        using var group = new PerfEventBuilder { Disabled = true }.OpenGroup(Software);
        Workloads.TouchFreshPages(20);
        Assert.That(group.Read().Values, Is.All.EqualTo(default(CounterValue)), "a disabled group counts nothing and is never enabled");
        group.Enable();
        Workloads.TouchFreshPages(20);
        group.Disable();
        var stopped = group.Read();
        Workloads.TouchFreshPages(20);

        Assert.That(stopped.Values.Select(v => v.TimeEnabled), Is.All.GreaterThan(0UL), "every member was enabled");
        Assert.That(stopped[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo(20UL));
        Assert.That(stopped[SoftwareEvent.TaskClock].Raw, Is.GreaterThan(0UL));
        Assert.That(group.Read().Values, Is.EqualTo(stopped.Values), "no member moves once the group is disabled");
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
        // A group whose second event fails closes the leader it had opened.
        for (var i = 0; i < 100; i++)
        {
            var e = Assert.Throws<PerfEventException>(() => builder.OpenGroup([SoftwareEvent.TaskClock, new SoftwareLikeUnknownEvent()]));
            Assert.That(e!.Call, Does.Contain("unknown-software"));
        }
        Assert.That(Workloads.OpenPerfEventDescriptors(), Is.EqualTo(before));
    }

    [Test]
    public void ReadIntoASpanDoesNotNeedAnAllocationAndRejectsAShortSpan()
    {
        Span<CounterValue> values = stackalloc CounterValue[4];
        foreach (var builder in new[] { new PerfEventBuilder(), new PerfEventBuilder { Inherit = true } })
        {
            var group = builder.OpenGroup(Software);
            using (group)
            {
                group.Read(values);
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 100; i++)
                {
                    group.Read(values);
                }
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.Zero, $"inherit {builder.Inherit}");
                Assert.That(values[0].Raw, Is.GreaterThan(0UL));
                Assert.Throws<ArgumentException>(() => group.Read(new CounterValue[3]));
            }
            Assert.Throws<ObjectDisposedException>(() => group.Read());
        }
    }

    [Test]
    public void AnInheritGroupForTheCallingThreadIsBuiltByAnotherThreadWhileTheCallerWaits()
    {
        // Only threads the counted thread creates inherit the group. So that the counted thread creates none
        // while the group is incomplete, another thread opens it while the caller waits; a thread that the
        // opening thread starts meanwhile inherits nothing, is not counted, and leaves group reads alone.
        const int pages = 1000;
        var callerTid = CpuAffinity.CurrentThreadId;
        var openerTid = 0;
        var callerSleeps = false;
        Thread? bystander = null;
        using var touched = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var group = new PerfEventBuilder { Inherit = true }.OpenGroup(Software, afterLeader: () =>
        {
            openerTid = CpuAffinity.CurrentThreadId;
            // The caller may still be between starting this thread and waiting for it: give it time to block.
            callerSleeps = SpinWait.SpinUntil(() => KernelState(callerTid) == 'S', TimeSpan.FromSeconds(10));
            bystander = new Thread(() =>
            {
                Workloads.TouchFreshPages(pages);
                touched.Set();
                release.Wait();
            });
            bystander.Start();
        });
        try
        {
            touched.Wait();
            var before = group.Read();
            Workloads.TouchFreshPages(20);
            var after = group.Read();

            Assert.That(openerTid, Is.Not.EqualTo(callerTid), "the group is built on another thread");
            Assert.That(callerSleeps, Is.True, $"the caller sleeps while its group is built (state {KernelState(callerTid)} now)");
            Assert.That(after.Since(before)[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo(20UL), "the group counts the calling thread");
            Assert.That(after[SoftwareEvent.PageFaults].Raw, Is.LessThan((ulong)pages), "the opening thread's thread is not counted");
        }
        finally
        {
            release.Set();
            bystander?.Join();
        }
    }

    [Test]
    public void AGroupPoisonedByAThreadTheCountedThreadStartedMidOpenRefusesReadsUntilThatThreadExits()
    {
        // The calling thread counts itself and starts a thread after the leader opened and before the members
        // did: that thread's copy of the group has the leader only, and the kernel refuses group reads with
        // ECHILD for as long as it lives (the poisoner skips every safeguard of OpenGroup to build this).
        PerfCounterGroup group;
        using (var poisoner = new GroupPoisoner())
        {
            group = poisoner.Open(new PerfEventBuilder { Inherit = true }, Software);
            var e = Assert.Throws<PerfEventException>(() => group.Read());
            Assert.That(e!.Errno, Is.EqualTo("ECHILD"));
            Assert.That(e.Hint, Does.Contain("created while the group was being opened").And.Contain("reopen the group"));
        }
        using (group)
        {
            Assert.That(group.Read()[SoftwareEvent.TaskClock].Raw, Is.GreaterThan(0UL), "the straggler's copy is gone with it");
        }
    }

    [Test]
    public void AnInheritGroupForAnotherThreadThatStartsAThreadMidOpenIsReopened()
    {
        // A target other than the caller may start threads while its group is built; the one it starts here
        // poisons the first group: the kernel refuses the next member (EINVAL) or the check read (ECHILD), and
        // the group is opened again.
        const int pages = 1000;
        using var work = new System.Collections.Concurrent.BlockingCollection<Action>();
        var targetTid = 0;
        var target = new Thread(() =>
        {
            targetTid = CpuAffinity.CurrentThreadId;
            foreach (var action in work.GetConsumingEnumerable())
            {
                action();
            }
        });
        target.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref targetTid) != 0);
        Thread? straggler = null;
        using var touch = new ManualResetEventSlim();
        using var touched = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        void RunOnTarget(Action action)
        {
            using var done = new ManualResetEventSlim();
            work.Add(() =>
            {
                action();
                done.Set();
            });
            done.Wait();
        }
        try
        {
            using var group = new PerfEventBuilder { Inherit = true, Pid = targetTid }.OpenGroup(Software, afterLeader: () => RunOnTarget(() =>
            {
                straggler = new Thread(() =>
                {
                    touch.Wait();
                    Workloads.TouchFreshPages(pages);
                    touched.Set();
                    release.Wait();
                });
                straggler.Start();
            }));
            var before = group.Read();
            touch.Set();
            touched.Wait();
            RunOnTarget(() =>
            {
                var child = new Thread(() => Workloads.TouchFreshPages(100));
                child.Start();
                child.Join();
            });
            var delta = group.Read().Since(before);

            Assert.That(delta[SoftwareEvent.PageFaults].Raw, Is.InRange(100UL, (ulong)pages - 1),
                "the reopened group counts the target's new thread, not the straggler that poisoned the first one");
        }
        finally
        {
            release.Set();
            straggler?.Join();
            work.CompleteAdding();
            target.Join();
        }
    }

    [Test]
    public void InheritedGroupReadsSucceedWhileCountedThreadsStartAndExit()
    {
        // What broke inherited group reads on Linux 6.x ("perf: Disallow mis-matched inherited group reads"): the
        // group is complete, then a thread it counts starts or exits while a read runs. The kernel builds a new
        // thread's copy of the group one member at a time and tears an exiting thread's copy down one member at a
        // time; a group read in between finds a copy with another member count than the group's and fails with
        // ECHILD. Here a counted thread starts and joins short-lived threads (each touches a fresh page) while this
        // thread reads; bare reads of a second group witness the kernel's refusals.
        const int wantedRefusals = 10;
        const int maxThreads = 20_000;
        using var witness = new RawInheritedGroup(Software);
        using var group = new PerfEventBuilder { Inherit = true }.OpenGroup(Software);
        Assert.That(witness.Read(), Is.Null, "no counted thread exists yet, so the kernel answers a group read");
        var before = group.Read();
        var started = 0;
        var stop = false;
        var churn = new Thread(() =>
        {
            while (!Volatile.Read(ref stop) && started < maxThreads)
            {
                var thread = new Thread(() => Workloads.TouchFreshPages(1));
                thread.Start();
                thread.Join();
                Interlocked.Increment(ref started);
            }
        });
        var refusals = 0;
        var reads = 0;
        var previous = before;
        churn.Start();
        try
        {
            while (refusals < wantedRefusals && churn.IsAlive)
            {
                if (witness.Read() is not null)
                {
                    refusals++;
                }
                var reading = group.Read();
                reads++;
                for (var i = 0; i < Software.Length; i++)
                {
                    if (reading.Values[i].Raw < previous.Values[i].Raw || reading.Values[i].TimeEnabled < previous.Values[i].TimeEnabled)
                    {
                        Assert.Fail($"read {reads}: {Software[i].Name} went back from {previous.Values[i]} to {reading.Values[i]}");
                    }
                }
                previous = reading;
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            churn.Join();
        }
        var delta = group.Read().Since(before);

        TestContext.Out.WriteLine($"{started} counted threads started and exited, {reads} group reads, {refusals} bare group reads refused by the kernel");
        Assert.That(reads, Is.GreaterThan(0));
        Assert.That(delta[SoftwareEvent.PageFaults].Raw, Is.GreaterThanOrEqualTo((ulong)started), "every short-lived thread's fault folds into the group");
    }

    /// <summary>The scheduler state of a thread of this process (<c>R</c> running, <c>S</c> sleeping, ...).</summary>
    private static char KernelState(int tid)
    {
        var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
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
