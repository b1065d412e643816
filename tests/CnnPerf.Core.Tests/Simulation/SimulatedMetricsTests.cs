using CnnPerf.Metrics;
using CnnPerf.Simulation;

namespace CnnPerf.Core.Tests.Simulation;

/// <summary>Per-inference metrics from recorded callgrind dumps of single inferences (Cortex-A53 preset).</summary>
public class SimulatedMetricsTests
{
    private static readonly ValgrindProfile Cold = ValgrindProfile.Load(ValgrindProfileTests.RecordedDump(1));
    private static readonly ValgrindProfile Warm = ValgrindProfile.Load(ValgrindProfileTests.RecordedDump(2));

    [Test]
    public void Counted_metrics_are_the_mean_over_the_inferences()
    {
        var metrics = SimulatedMetrics.PerInference([Cold, Warm]).ToDictionary(m => m.Id);

        Assert.That(metrics["sim.instructions"].Value, Is.EqualTo((90_171_351.0 + 84_195_472) / 2));
        Assert.That(metrics["sim.d1_reads"].Value, Is.EqualTo((48_064_434.0 + 46_542_759) / 2));
        Assert.That(metrics["sim.d1_misses"].Value, Is.EqualTo((1_613_954.0 + 301_489 + 1_582_308 + 282_194) / 2));
        Assert.That(metrics["sim.ll_misses"].Value, Is.EqualTo((67_502.0 + 382_764 + 281_858 + 12_491 + 370_364 + 270_987) / 2));
        Assert.That(metrics["sim.branches"].Value, Is.EqualTo((8_609_529.0 + 68_645 + 7_513_234 + 10_438) / 2));
        Assert.That(metrics["sim.branch_mispredicts"].Value, Is.EqualTo((240_697.0 + 32_048 + 129_688 + 841) / 2));
        Assert.That(metrics.Values.Where(m => m.Id is "sim.instructions" or "sim.d1_misses").Select(m => m.Provenance), Is.All.EqualTo(Provenance.Simulated));
        Assert.That(metrics["sim.instructions"].Unit, Is.EqualTo(MetricIds.SimInstructions.Unit));
        Assert.That(metrics["sim.inferences"].Value, Is.EqualTo(2));
    }

    [Test]
    public void Derived_ratios_and_geometry_come_with_them()
    {
        var metrics = SimulatedMetrics.PerInference([Warm]).ToDictionary(m => m.Id, m => m.Value);

        Assert.That(metrics["sim.d1_mpki"], Is.EqualTo((1_582_308.0 + 282_194) / 84_195_472 * 1000).Within(1e-9));
        Assert.That(metrics["sim.d1_miss_ratio"], Is.EqualTo((1_582_308.0 + 282_194) / (46_542_759 + 6_958_483)).Within(1e-12));
        Assert.That(metrics["sim.branch_mispredict_ratio"], Is.EqualTo((129_688.0 + 841) / (7_513_234 + 10_438)).Within(1e-12));
        Assert.That(metrics["sim.d1_size_bytes"], Is.EqualTo(32768));
        Assert.That(metrics["sim.ll_size_bytes"], Is.EqualTo(512 * 1024));
        Assert.That(metrics["sim.ll_ways"], Is.EqualTo(16));
    }

    [Test]
    public void The_first_inference_pays_for_the_empty_caches()
    {
        Assert.That(Cold["I1mr"], Is.GreaterThan(5 * Warm["I1mr"]), "why the pass does not count the first simulated inference");
    }

    [Test]
    public void Inconsistent_or_empty_dumps_are_refused()
    {
        var instructionsOnly = ValgrindProfile.Parse(new StringReader("events: Ir\nsummary: 1\n"));
        var nothing = ValgrindProfile.Parse(new StringReader("events: Ir\nsummary: 0\n"));

        Assert.That(Assert.Throws<CnnPerfException>(() => SimulatedMetrics.PerInference([Warm, instructionsOnly]))!.Message, Does.StartWith("the simulated inferences collected different events"));
        Assert.That(Assert.Throws<CnnPerfException>(() => SimulatedMetrics.PerInference([nothing]))!.Message, Does.Contain("counted no instruction"));
        Assert.Throws<ArgumentException>(() => SimulatedMetrics.PerInference([]));
    }
}
