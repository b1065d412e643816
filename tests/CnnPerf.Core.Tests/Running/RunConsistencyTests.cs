using CnnPerf.Counters;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

/// <summary>
/// A real in-process run of ONNX Runtime on squeezenet1_1 whose metrics must agree with each other (within one run
/// only: the machine is shared). Throughput and CPU-time checks run in fresh worker processes
/// (CnnPerf.Cli.Tests/Commands/WorkerCommandTests), where no thread older than the counters competes with the measurement.
/// </summary>
public class RunConsistencyTests
{
    [Test]
    public void Per_inference_counters_add_up_to_the_phase_and_one_thread_stays_below_one_core()
    {
        var backend = new OnnxRuntimeBackend();
        Assume.That(backend.Availability.IsAvailable, $"ONNX Runtime is unavailable: {backend.Availability.Reason}");
        var configuration = RunConfiguration.For(new ModelZoo().Get("squeezenet1_1"), backend.Name).WithThreads(1)
            .WithWarmup(WarmupPolicy.Fixed(3)).WithIterations(30).Build();

        var result = new MeasurementRunner(() => new PerfCounterSource()).Run(configuration, backend);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), result.Failure?.Message);
        Assume.That(result.Find(MetricIds.SwTaskClock.Id), Is.Not.Null, "task-clock is not available here (perf_event_open refused)");
        var perInference = result.Samples.Sum(s => s.Counters[MetricIds.SwTaskClock.Id]) / result.Samples.Count;
        Assert.That(perInference, Is.EqualTo(result.ValueOf(MetricIds.SwTaskClock)).Within(1e-6).Percent);
        Assert.That(result.Samples.Select(s => s.Counters[MetricIds.SwTaskClock.Id]), Is.All.GreaterThan(0));
        Assert.That(result.ValueOf(MetricIds.CpuUtilizationCores), Is.LessThan(1.1));
        Assert.That(result.BackendVersion, Is.EqualTo(backend.Version));
    }
}
