using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;
using CnnPerf.Simulation;
using CnnPerf.Tests;

namespace CnnPerf.Cli.Tests.Simulation;

/// <summary>
/// The simulated pass for real: this tool's worker under valgrind's callgrind on squeezenet1_1, ONNX Runtime,
/// 1 thread (the smallest zoo configuration), two runs of the Cortex-A53 preset and one of a larger-cache geometry,
/// two at a time.
/// </summary>
[Category("Slow")]
public class CallgrindPassTests
{
    private static readonly CacheGeometry LargerCaches = CacheGeometry.Parse("I1=64K,8,64;D1=64K,8,64;LL=8M,16,64");

    private Dictionary<string, MetricValue> _first = [];
    private Dictionary<string, MetricValue> _second = [];
    private Dictionary<string, MetricValue> _larger = [];

    [OneTimeSetUp]
    public void SimulateThreeTimes()
    {
        SetupTool.Require("valgrind", "valgrind");
        var configuration = RunConfiguration.For(new ModelZoo().Get("squeezenet1_1"), "onnxruntime").WithThreads(1).WithIterations(1).Build();
        Dictionary<string, MetricValue> Simulate(CacheGeometry geometry) =>
            new CallgrindPass(WorkerCommandLine.ForThisTool(), new SimulationOptions(geometry) { Inferences = 1, Timeout = TimeSpan.FromMinutes(10) })
                .Run(configuration).ToDictionary(m => m.Id);

        var first = Task.Run(() => Simulate(CacheGeometry.CortexA53));
        _larger = Simulate(LargerCaches);
        _first = first.GetAwaiter().GetResult();
        _second = Simulate(CacheGeometry.CortexA53);
    }

    private static double Value(Dictionary<string, MetricValue> metrics, MetricDefinition metric) => metrics[metric.Id].Value;

    [Test]
    public void Two_simulated_runs_agree_within_half_a_percent_on_instructions_per_inference()
    {
        var instructions = Value(_first, MetricIds.SimInstructions);

        Assert.That(Value(_second, MetricIds.SimInstructions), Is.EqualTo(instructions).Within(0.5).Percent);
        Assert.That(instructions, Is.InRange(1e7, 1e9), "a squeezenet1_1 inference is tens of millions of instructions, not start-up");
        TestContext.Out.WriteLine($"sim.instructions per inference: {instructions:N0} and {Value(_second, MetricIds.SimInstructions):N0}");
    }

    [Test]
    public void The_metrics_are_consistent_and_record_the_geometry()
    {
        Assert.That(_first[MetricIds.SimInstructions.Id].Provenance, Is.EqualTo(Provenance.Simulated));
        Assert.That(Value(_first, MetricIds.SimD1Misses), Is.Positive.And.LessThan(Value(_first, MetricIds.SimD1Reads) + Value(_first, MetricIds.SimInstructions)),
            "misses are a part of the accesses");
        Assert.That(Value(_first, MetricIds.SimBranchMispredicts), Is.Positive.And.LessThan(Value(_first, MetricIds.SimBranches)));
        Assert.That(Value(_first, MetricIds.SimD1SizeBytes), Is.EqualTo(32768), "the preset's D1 is recorded");
        Assert.That(Value(_first, MetricIds.SimLlSizeBytes), Is.EqualTo(512 * 1024));
        Assert.That(Value(_larger, MetricIds.SimLlSizeBytes), Is.EqualTo(8 * 1024 * 1024));
    }

    [Test]
    public void Smaller_caches_miss_more_on_the_same_instructions()
    {
        Assert.That(Value(_larger, MetricIds.SimInstructions), Is.EqualTo(Value(_first, MetricIds.SimInstructions)).Within(0.5).Percent);
        Assert.That(Value(_first, MetricIds.SimD1Misses), Is.GreaterThan(Value(_larger, MetricIds.SimD1Misses)));
        Assert.That(Value(_first, MetricIds.SimLlMisses), Is.GreaterThan(Value(_larger, MetricIds.SimLlMisses)));
        TestContext.Out.WriteLine($"D1 misses {Value(_first, MetricIds.SimD1Misses):N0} (cortex-a53) vs {Value(_larger, MetricIds.SimD1Misses):N0}; "
            + $"LL misses {Value(_first, MetricIds.SimLlMisses):N0} vs {Value(_larger, MetricIds.SimLlMisses):N0}");
    }
}
