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
    public void Per_inference_task_clock_fits_its_wall_time_and_the_phase_fits_the_processes_cpu_time()
    {
        var backend = new OnnxRuntimeBackend();
        Assume.That(backend.Availability.IsAvailable, $"ONNX Runtime is unavailable: {backend.Availability.Reason}");
        var configuration = RunConfiguration.For(new ModelZoo().Get("squeezenet1_1"), backend.Name).WithThreads(1)
            .WithWarmup(WarmupPolicy.Fixed(3)).WithIterations(30).Build();

        var result = new MeasurementRunner(() => new PerfCounterSource()).Run(configuration, backend);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), result.Failure?.Message);
        Assume.That(result.Find(MetricIds.SwTaskClock.Id), Is.Not.Null, "task-clock is not available here (perf_event_open refused)");
        var taskClock = MetricIds.SwTaskClock.Id;
        var samples = result.Samples;
        Assert.That(samples.Select(s => s.Counters[taskClock]), Is.All.GreaterThan(0));
        // One thread cannot run longer than the wall time between two reads of its counters (each read follows an
        // inference's end): perf's count and the monotonic clock are independent measurements of the same window.
        for (var i = 1; i < samples.Count; i++)
        {
            var window = samples[i].StartNs / 1e6 + samples[i].LatencyMs - (samples[i - 1].StartNs / 1e6 + samples[i - 1].LatencyMs);
            Assert.That(samples[i].Counters[taskClock], Is.LessThanOrEqualTo(window * 1.05 + 0.05), $"inference {i}: task-clock vs its {window:0.###} ms window");
        }
        // The counted threads are some of the process's: their CPU time is at most what getrusage gives the whole process.
        Assert.That(result.ValueOf(MetricIds.SwTaskClock), Is.LessThanOrEqualTo(result.ValueOf(MetricIds.CpuProcessTime) * 1.05 + 0.05));
        Assert.That(result.ValueOf(MetricIds.CpuUtilizationCores), Is.LessThan(1.1));
        Assert.That(result.BackendVersion, Is.EqualTo(backend.Version));
    }
}
