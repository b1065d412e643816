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
    public void AReadingThatWasNotCountedGivesNoValueAndNoDerivedValue()
    {
        var snapshot = new CounterSnapshot(new Dictionary<string, CounterValue>
        {
            ["hw.instructions"] = new(2_000_000, 1000, 1000),
            ["hw.cycles"] = new(0, 1000, 0),
            ["hw.cache_misses"] = new(0, 1000, 1000),
        });

        var values = CounterMetrics.ToMetricValues(snapshot).ToDictionary(v => v.Id);

        Assert.That(values.Keys, Is.EquivalentTo(new[] { "hw.instructions", "hw.cache_misses", "hw.cache_mpki" }),
            "cycles never ran: no cycles and no IPC; zero cache misses that ran are a count of 0");
        Assert.That(values["hw.cache_misses"].Value, Is.Zero);
    }

    [Test]
    public void MarksOnlyAvailableCountersWhosePhaseReadingWasNotCountedAndSaysWhy()
    {
        CounterStatus[] statuses =
        [
            new("hw.instructions", "instructions", "hardware", true, null, null),
            new("hw.cycles", "cycles", "hardware", true, null, null),
            new("hw.branches", "branches", "hardware", true, null, null),
            new("hw.cache_misses", "cache-misses", "hardware", false, "ENOENT", "no PMU"),
        ];
        var phase = new CounterSnapshot(new Dictionary<string, CounterValue>
        {
            ["hw.instructions"] = new(5, 2_000_000, 1_000_000),
            ["hw.cycles"] = new(0, 2_500_000, 0),
            ["hw.branches"] = new(0, 0, 0),
        });

        var marked = CounterMetrics.MarkNotCounted(statuses, phase);

        Assert.That(marked[0], Is.EqualTo(statuses[0]));
        Assert.That(marked[1], Is.EqualTo(statuses[1] with
        {
            Available = false,
            Reason = "not counted: enabled for 2.500 ms but never scheduled on the PMU (time running 0: other events held its counters)",
        }));
        Assert.That(marked[2].Reason, Is.EqualTo("not counted: the counter was never enabled while a counted thread ran (time enabled and running 0)"));
        Assert.That(marked[3], Is.EqualTo(statuses[3]), "a counter that did not open keeps its reason");
    }

    [Test]
    public void RejectsANonPositiveDivisor()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CounterMetrics.ToMetricValues(CounterSnapshot.Empty, perCount: 0));
    }
}
