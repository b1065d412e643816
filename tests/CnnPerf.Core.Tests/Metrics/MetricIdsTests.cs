using System.Text.RegularExpressions;
using CnnPerf.Metrics;

namespace CnnPerf.Core.Tests.Metrics;

public class MetricIdsTests
{
    [Test]
    public void Every_id_is_lower_case_and_dotted()
    {
        foreach (var metric in MetricIds.All)
        {
            Assert.That(Regex.IsMatch(metric.Id, @"^[a-z0-9_]+(\.[a-z0-9_]+)+$"), Is.True, metric.Id);
        }
    }

    [Test]
    public void Ids_named_in_the_design_are_in_the_catalogue()
    {
        string[] designIds =
        [
            "latency.p50_ms", "throughput.fps", "cpu.utilization_cores", "mem.peak_rss_bytes", "hw.instructions",
            "hw.cycles", "hw.ipc", "hw.l1d_read_misses", "hw.llc_misses", "hw.branch_misses", "sw.task_clock_ms",
            "sw.context_switches", "sw.page_faults", "sw.cpu_migrations", "power.mean_w", "energy.per_inference_mj",
            "sim.instructions", "sim.d1_misses", "sim.branch_mispredicts",
        ];
        foreach (var id in designIds)
        {
            Assert.That(MetricIds.Find(id), Is.Not.Null, id);
        }
    }

    [Test]
    public void Latency_is_lower_is_better_and_throughput_higher_is_better()
    {
        Assert.That(MetricIds.LatencyP50.Direction, Is.EqualTo(MetricDirection.LowerIsBetter));
        Assert.That(MetricIds.ThroughputFps.Direction, Is.EqualTo(MetricDirection.HigherIsBetter));
        Assert.That(MetricIds.Find("no.such_metric"), Is.Null);
    }
}
