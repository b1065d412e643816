using CnnPerf.Counters;
using CnnPerf.Metrics;
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
}
