using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;
using CnnPerf.Simulation;

namespace CnnPerf.Cli.Tests.Simulation;

/// <summary>
/// The simulated pass for real: this tool's worker under valgrind's cachegrind on squeezenet1_1, ONNX Runtime,
/// 1 thread (the smallest zoo configuration; each pass is two valgrind runs side by side).
/// </summary>
[Category("Slow")]
public class CachegrindPassTests
{
    [Test]
    public void Two_simulated_passes_agree_within_half_a_percent_on_instructions_per_inference()
    {
        Assume.That(File.Exists("/usr/bin/valgrind"), "valgrind is not installed here (Debian package valgrind)");
        var configuration = RunConfiguration.For(new ModelZoo().Get("squeezenet1_1"), "onnxruntime").WithThreads(1).WithIterations(1).Build();
        var pass = new CachegrindPass(WorkerCommandLine.ForThisTool(), new CachegrindOptions(CacheGeometry.CortexA53) { Inferences = 10, Timeout = TimeSpan.FromMinutes(15) });

        var first = pass.Run(configuration).ToDictionary(m => m.Id);
        var second = pass.Run(configuration).ToDictionary(m => m.Id);

        var instructions = first[MetricIds.SimInstructions.Id].Value;
        Assert.That(second[MetricIds.SimInstructions.Id].Value, Is.EqualTo(instructions).Within(0.5).Percent);
        Assert.That(first[MetricIds.SimInstructions.Id].Provenance, Is.EqualTo(Provenance.Simulated));
        Assert.That(first[MetricIds.SimD1Misses.Id].Value, Is.Positive.And.LessThan(first[MetricIds.SimD1Reads.Id].Value + instructions),
            "misses are a part of the accesses");
        Assert.That(first[MetricIds.SimBranchMispredicts.Id].Value, Is.LessThan(first[MetricIds.SimBranches.Id].Value));
        Assert.That(first[MetricIds.SimD1SizeBytes.Id].Value, Is.EqualTo(32768), "the preset's D1 is recorded");
        Assert.That(first[MetricIds.SimLlSizeBytes.Id].Value, Is.EqualTo(512 * 1024));
        TestContext.Out.WriteLine($"sim.instructions per inference: {instructions:N0} and {second[MetricIds.SimInstructions.Id].Value:N0}");
    }
}
