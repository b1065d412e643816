using CnnPerf.Metrics;
using CnnPerf.Simulation;

namespace CnnPerf.Core.Tests.Simulation;

/// <summary>The differential method on two recorded runs: 4 measured inferences minus 1, same load and warm-up.</summary>
public class CachegrindMetricsTests
{
    private static readonly CachegrindProfile One = CachegrindProfile.Load(CachegrindProfileTests.Recorded(1));
    private static readonly CachegrindProfile Four = CachegrindProfile.Load(CachegrindProfileTests.Recorded(4));

    [Test]
    public void Counted_metrics_are_the_difference_per_extra_inference()
    {
        var metrics = CachegrindMetrics.PerInference(Four, One, 3).ToDictionary(m => m.Id);

        Assert.That(metrics["sim.instructions"].Value, Is.EqualTo((3_082_510_163.0 - 2_803_279_976) / 3));
        Assert.That(metrics["sim.d1_reads"].Value, Is.EqualTo((1_020_316_546.0 - 873_043_053) / 3));
        Assert.That(metrics["sim.d1_misses"].Value, Is.EqualTo((22_491_372.0 + 8_753_969 - 19_928_586 - 7_866_985) / 3));
        Assert.That(metrics["sim.ll_misses"].Value, Is.EqualTo((159_607.0 + 212_575 + 781_473 - 163_894 - 259_586 - 785_590) / 3));
        Assert.That(metrics["sim.branches"].Value, Is.EqualTo((474_396_164.0 + 24_292_871 - 447_945_714 - 24_042_670) / 3));
        Assert.That(metrics["sim.branch_mispredicts"].Value, Is.EqualTo((39_983_410.0 + 9_878_250 - 39_244_997 - 9_771_849) / 3));
        Assert.That(metrics.Values.Where(m => m.Id is "sim.instructions" or "sim.d1_misses").Select(m => m.Provenance), Is.All.EqualTo(Provenance.Simulated));
        Assert.That(metrics["sim.instructions"].Unit, Is.EqualTo(MetricIds.SimInstructions.Unit));
    }

    [Test]
    public void Derived_ratios_come_from_the_per_inference_counts()
    {
        var metrics = CachegrindMetrics.PerInference(Four, One, 3).ToDictionary(m => m.Id, m => m.Value);

        Assert.That(metrics["sim.d1_mpki"], Is.EqualTo(metrics["sim.d1_misses"] / metrics["sim.instructions"] * 1000).Within(1e-9));
        Assert.That(metrics["sim.branch_mispredict_ratio"], Is.EqualTo(metrics["sim.branch_mispredicts"] / metrics["sim.branches"]).Within(1e-12));
        Assert.That(metrics["sim.d1_miss_ratio"], Is.InRange(0.0, 1.0));
        Assert.That(metrics["sim.d1_size_bytes"], Is.EqualTo(32768));
        Assert.That(metrics["sim.ll_ways"], Is.EqualTo(1));
        Assert.That(metrics["sim.inferences"], Is.EqualTo(3));
    }

    [Test]
    public void Swapped_runs_are_refused()
    {
        var error = Assert.Throws<CnnPerfException>(() => CachegrindMetrics.PerInference(One, Four, 3));

        Assert.That(error!.Message, Does.Contain("not more than the baseline"));
    }

    [Test]
    public void Runs_with_different_events_are_refused()
    {
        var instructionsOnly = CachegrindProfile.Parse(new StringReader("events: Ir\nsummary: 1\n"));

        Assert.Throws<CnnPerfException>(() => CachegrindMetrics.PerInference(Four, instructionsOnly, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CachegrindMetrics.PerInference(Four, One, 0));
    }
}
