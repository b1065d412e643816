using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Native.Perf;
using CnnPerf.Native.Tests.TestSupport;

namespace CnnPerf.Core.Tests.Counters;

public class PerfCounterSourceTests
{
    [Test]
    public void ProbeReportsEveryMappedMetricWithAReasonWhenUnavailable()
    {
        using var source = new PerfCounterSource();
        var statuses = source.Probe();

        Assert.That(statuses.Select(s => s.MetricId), Is.EquivalentTo(PerfCounterMapping.Standard.Select(m => m.MetricId)));
        Assert.That(statuses.Where(s => s.MetricId.StartsWith("sw.", StringComparison.Ordinal)).All(s => s.Available), Is.True,
            "software events need no PMU and open wherever perf_event_open is allowed");
        foreach (var status in statuses.Where(s => !s.Available))
        {
            Assert.That(status.Errno, Does.StartWith("E"), status.EventName);
            Assert.That(status.Reason, Is.Not.Empty, status.EventName);
        }
        foreach (var id in statuses.Select(s => s.MetricId))
        {
            Assert.That(MetricIds.Find(id), Is.Not.Null, $"{id} is in the metric catalogue");
        }
    }

    [Test]
    public void ReadsOpenOnlyAvailableCountersAndCountThreadsCreatedAfterStart()
    {
        using var source = new PerfCounterSource();
        source.Start();
        var before = source.Read();

        const int pages = 64;
        var worker = new Thread(() => Workloads.TouchFreshPages(pages));
        worker.Start();
        worker.Join();

        var delta = source.Read().Since(before);
        var available = source.Probe().Where(s => s.Available).Select(s => s.MetricId);
        Assert.That(delta.Values.Keys, Is.EquivalentTo(available));
        Assert.That(delta.Values["sw.page_faults"].Raw, Is.GreaterThanOrEqualTo((ulong)pages));
        Assert.That(delta.Values["sw.task_clock_ms"].Raw, Is.GreaterThan(0UL));
    }

    [Test]
    public void StartTwiceIsRefusedAndDisposedSourceThrows()
    {
        var source = new PerfCounterSource();
        source.Start();
        Assert.Throws<InvalidOperationException>(source.Start);
        source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => source.Read());
    }

    [Test]
    public void AGroupThatFailsToReadIsLeftOutWithTheReasonWhileTheOtherGroupsCount()
    {
        // The "faults" group is poisoned (a thread holds a copy of it with the leader only): every read of it is
        // refused with ECHILD. Its counters drop out with the reason; the "clock" group goes on counting.
        PerfCounterMapping[] mapping =
        [
            new("sw.task_clock_ms", SoftwareEvent.TaskClock, "clock"),
            new("sw.context_switches", SoftwareEvent.ContextSwitches, "clock"),
            new("sw.page_faults", SoftwareEvent.PageFaults, "faults"),
            new("sw.minor_faults", SoftwareEvent.MinorFaults, "faults"),
        ];
        using var poisoner = new GroupPoisoner();
        using var source = new PerfCounterSource(mapping, null,
            (builder, events) => events[0] == SoftwareEvent.PageFaults ? poisoner.Open(builder, events) : builder.OpenGroup(events));
        source.Start();

        var first = source.Read();
        Workloads.TouchFreshPages(10);
        var delta = source.Read().Since(first);

        Assert.That(delta.Values.Keys, Is.EquivalentTo(new[] { "sw.task_clock_ms", "sw.context_switches" }));
        Assert.That(delta.Values["sw.task_clock_ms"].Raw, Is.GreaterThan(0UL));
        var statuses = source.Probe().ToDictionary(s => s.MetricId);
        Assert.That(statuses["sw.task_clock_ms"].Available, Is.True);
        foreach (var id in new[] { "sw.page_faults", "sw.minor_faults" })
        {
            Assert.That(statuses[id].Available, Is.False, id);
            Assert.That(statuses[id].Errno, Is.EqualTo("ECHILD"), id);
            Assert.That(statuses[id].Reason, Does.StartWith("stopped counting mid-run").And.Contain("read(page-faults) failed"), id);
        }
    }

    [Test]
    public void AGroupThatFailsToOpenIsReportedAndTheOthersStillCount()
    {
        PerfCounterMapping[] mapping =
        [
            new("sw.task_clock_ms", SoftwareEvent.TaskClock, "clock"),
            new("sw.page_faults", SoftwareEvent.PageFaults, "faults"),
        ];
        using var source = new PerfCounterSource(mapping, null, (builder, events) => events[0] == SoftwareEvent.PageFaults
            ? throw new PerfEventException("perf_event_open(page-faults, this thread)", 24, "EMFILE", "too many open files")
            : builder.OpenGroup(events));
        source.Start();

        Assert.That(source.Read().Values.Keys, Is.EqualTo(new[] { "sw.task_clock_ms" }));
        var faults = source.Probe().Single(s => s.MetricId == "sw.page_faults");
        Assert.That((faults.Available, faults.Errno), Is.EqualTo((false, "EMFILE")));
        Assert.That(faults.Reason, Does.StartWith("did not open as a group").And.Contain("too many open files"));
    }
}
