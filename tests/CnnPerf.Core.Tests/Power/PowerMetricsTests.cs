using CnnPerf.Metrics;
using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

public class PowerMetricsTests
{
    // Idle at 2 W over [0, 5]; the workload steps to 5 W at t = 5 and runs 100 inferences over [5, 15].
    private static readonly PowerSample[] Run = [new(0, 2), new(2.5, 2), new(5, 2), new(5, 5), new(10, 5), new(15, 5), new(16, 2)];
    private static readonly PowerPhase Idle = new(0, 5);
    private static readonly PowerPhase Measured = new(5, 15);

    [Test]
    public void Complete_capture_gives_every_metric_with_catalogue_ids_and_units()
    {
        var summary = PowerMetrics.Compute(new PowerCapture("fake", Run, 0, 16, 0, null), Measured, 100, Idle);
        Assert.That(summary.Complete, Is.True);
        Assert.That(summary.Status, Is.EqualTo("power complete"));
        Assert.That(summary.Find("power.mean_w"), Is.EqualTo(5).Within(1e-12));
        Assert.That(summary.Find("power.peak_w"), Is.EqualTo(5).Within(1e-12));
        Assert.That(summary.Find("power.idle_w"), Is.EqualTo(2).Within(1e-12));
        Assert.That(summary.Find("energy.measured_phase_j"), Is.EqualTo(50).Within(1e-12));
        Assert.That(summary.Find("energy.per_inference_mj"), Is.EqualTo(500).Within(1e-9));
        Assert.That(summary.Find("energy.dynamic_per_inference_mj"), Is.EqualTo((50 - 2 * 10) / 100.0 * 1000).Within(1e-9));
        foreach (var value in summary.Values)
        {
            Assert.That(value.Unit, Is.EqualTo(MetricIds.Find(value.Id)!.Unit), value.Id);
        }
        Assert.That(summary.Samples, Is.EqualTo(4));
    }

    [Test]
    public void Without_idle_phase_there_is_no_baseline_nor_dynamic_energy()
    {
        var summary = PowerMetrics.Compute(new PowerCapture("fake", Run, 0, 16, 0, null), Measured, 100);
        Assert.That(summary.Find("power.idle_w"), Is.Null);
        Assert.That(summary.Find("energy.dynamic_per_inference_mj"), Is.Null);
        Assert.That(summary.Find("energy.per_inference_mj"), Is.EqualTo(500).Within(1e-9));
    }

    [Test]
    public void Meter_lost_mid_phase_keeps_power_of_the_covered_part_and_says_incomplete()
    {
        var samples = Run.Where(s => s.Seconds <= 10).ToArray();
        var capture = new PowerCapture("um25c", samples, 0, 16, 3, "um25c failed at +10.2 s (3 reads in a row): no full frame");
        var summary = PowerMetrics.Compute(capture, Measured, 100, Idle);
        Assert.That(summary.Complete, Is.False);
        Assert.That(summary.Status, Does.StartWith("power incomplete: um25c failed"));
        Assert.That(summary.Find("power.mean_w"), Is.EqualTo(5).Within(1e-12));
        Assert.That(summary.Find("energy.measured_phase_j"), Is.Null);
        Assert.That(summary.Find("energy.per_inference_mj"), Is.Null);
    }

    [Test]
    public void A_capture_that_ends_early_without_a_failure_is_incomplete_by_coverage()
    {
        var samples = Run.Where(s => s.Seconds <= 10).ToArray();
        var summary = PowerMetrics.Compute(new PowerCapture("csv", samples, 0, 16, 0, null), Measured, 100, Idle);
        Assert.That(summary.Status, Is.EqualTo("power incomplete: samples cover 5 s of the 10 s measured phase"));
    }

    [Test]
    public void Empty_phase_or_negative_count_is_refused()
    {
        var capture = new PowerCapture("fake", Run, 0, 16, 0, null);
        Assert.That(() => PowerMetrics.Compute(capture, new PowerPhase(5, 5), 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => PowerMetrics.Compute(capture, Measured, -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
