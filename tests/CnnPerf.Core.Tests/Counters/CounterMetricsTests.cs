using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Core.Tests.Counters;

public class CounterMetricsTests
{
    [Test]
    public void ConvertsClockNanosecondsToMillisecondsAndScalesMultiplexedCounts()
    {
        var snapshot = new CounterSnapshot(new Dictionary<string, CounterValue>
        {
            ["sw.task_clock_ms"] = new(250_000_000, 1000, 1000),
            ["hw.cycles"] = new(1000, 400, 100),
        });

        var values = CounterMetrics.ToMetricValues(snapshot, perCount: 10).ToDictionary(v => v.Id);

        Assert.That(values["sw.task_clock_ms"].Value, Is.EqualTo(25.0).Within(1e-9));
        Assert.That(values["sw.task_clock_ms"].Unit, Is.EqualTo("ms"));
        Assert.That(values["hw.cycles"].Value, Is.EqualTo(400.0), "1000 counted in a quarter of the time scale to 4000, per 10");
        Assert.That(values["hw.cycles"].RunningShare, Is.EqualTo(0.25));
        Assert.That(values["hw.cycles"].Provenance, Is.EqualTo(Provenance.Measured));
        Assert.That(values.ContainsKey("hw.ipc"), Is.False, "no instructions: no IPC");
    }

    [Test]
    public void DerivesIpcRatiosAndMpkiWhereInputsExist()
    {
        var snapshot = new CounterSnapshot(new Dictionary<string, CounterValue>
        {
            ["hw.instructions"] = new(2_000_000, 1, 1),
            ["hw.cycles"] = new(1_000_000, 1, 1),
            ["hw.cache_references"] = new(1000, 1, 1),
            ["hw.cache_misses"] = new(100, 1, 1),
            ["hw.branches"] = new(0, 1, 1),
            ["hw.branch_misses"] = new(0, 1, 1),
        });

        var values = CounterMetrics.ToMetricValues(snapshot).ToDictionary(v => v.Id);

        Assert.That(values["hw.ipc"].Value, Is.EqualTo(2.0));
        Assert.That(values["hw.ipc"].Provenance, Is.EqualTo(Provenance.Derived));
        Assert.That(values["hw.cache_miss_ratio"].Value, Is.EqualTo(0.1));
        Assert.That(values["hw.cache_mpki"].Value, Is.EqualTo(0.05));
        Assert.That(values["hw.branch_miss_ratio"].Value, Is.NaN, "zero branches: the ratio is undefined");
        Assert.That(values["hw.branch_mpki"].Value, Is.EqualTo(0.0));
    }

    [Test]
    public void RejectsANonPositiveDivisor()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CounterMetrics.ToMetricValues(CounterSnapshot.Empty, perCount: 0));
    }
}
