using CnnPerf.Counters;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

/// <summary>
/// A real in-process run of ONNX Runtime on squeezenet1_1 whose metrics must agree with each other (ratios within
/// one run only: the machine is shared). The CPU-time checks run in fresh worker processes (CnnPerf.Cli.Tests),
/// where no thread older than the counters competes with the measurement.
/// </summary>
public class RunConsistencyTests
{
    [Test]
    public void Throughput_is_1000_over_the_mean_latency_and_one_thread_adds_no_thread()
    {
        var backend = new OnnxRuntimeBackend();
        Assume.That(backend.Availability.IsAvailable, $"ONNX Runtime is unavailable: {backend.Availability.Reason}");
        var configuration = RunConfiguration.For(new ModelZoo().Get("squeezenet1_1"), backend.Name).WithThreads(1)
            .WithWarmup(WarmupPolicy.Fixed(3)).WithIterations(30).Build();

        var result = new MeasurementRunner(() => new PerfCounterSource()).Run(configuration, backend);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), result.Failure?.Message);
        Assert.That(result.ValueOf(MetricIds.ThroughputFps), Is.EqualTo(1000 / result.ValueOf(MetricIds.LatencyMean)).Within(5).Percent);
        Assert.That(result.ValueOf(MetricIds.CpuUtilizationCores), Is.LessThan(1.1));
        Assert.That(result.BackendVersion, Is.EqualTo(backend.Version));
    }
}
