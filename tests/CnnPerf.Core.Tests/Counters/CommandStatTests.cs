using System.Diagnostics;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Core.Tests.Counters;

public class CommandStatTests
{
    [Test]
    public async Task CountsACommandAndReportsWhatDidNotOpen()
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", "exit 4"]);
        var result = await CommandStat.RunAsync(start, [SoftwareEvent.PageFaults, SoftwareEvent.TaskClock, HardwareEvent.Instructions]);

        Assert.That(result.ExitCode, Is.EqualTo(4));
        var metrics = result.Metrics.ToDictionary(m => m.Id);
        Assert.That(metrics["sw.page_faults"].Value, Is.GreaterThan(10), "exec of a shell faults in its pages");
        Assert.That(metrics["sw.task_clock_ms"].Value, Is.GreaterThan(0));
        Assert.That(metrics.ContainsKey("hw.instructions") ^ result.Unavailable.Any(u => u.Event == HardwareEvent.Instructions), Is.True,
            "instructions is either counted or reported unavailable");
    }

    [Test]
    public async Task NoOpenableEventIsAClearError()
    {
        var start = new ProcessStartInfo("/bin/true");
        var unknown = new RawEvent(0xdead);
        var probe = PerfEventProbe.Probe(unknown, new PerfEventBuilder { Disabled = true });
        Assume.That(probe.Opened, Is.False, "this machine opens raw events; nothing to test");
        var e = await Assert.ThrowsAsync<CnnPerfException>(() => CommandStat.RunAsync(start, [unknown]));
        Assert.That(e!.Message, Does.Contain("no requested event can be counted here").And.Contain("rdead"));
    }

    [Test]
    public void MapsStandardEventsToMetricIdsAndScalesPmuUnits()
    {
        var energy = new PmuEvent("power/energy-pkg/", "power", 11, 2, Scale: 0.25, Unit: "Joules");
        var reading = new GroupReading(
            [SoftwareEvent.PageFaults, new HardwareCacheEvent(CacheId.L1D, CacheOp.Read, CacheResult.Miss), energy, SoftwareEvent.Dummy],
            [new(12, 5, 5), new(30, 10, 5), new(8, 1, 1), new(0, 1, 1)]);

        var metrics = CommandStat.ToMetrics(reading).ToDictionary(m => m.Id);

        Assert.That(metrics["sw.page_faults"].Value, Is.EqualTo(12));
        Assert.That(metrics["hw.l1d_read_misses"].Value, Is.EqualTo(60), "multiplexed half the time: scaled");
        Assert.That(metrics["power/energy-pkg/"].Value, Is.EqualTo(2.0));
        Assert.That(metrics["power/energy-pkg/"].Unit, Is.EqualTo("Joules"));
        Assert.That(metrics["dummy"].Provenance, Is.EqualTo(Provenance.Measured));
    }
}
