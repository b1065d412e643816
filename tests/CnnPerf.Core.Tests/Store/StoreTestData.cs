using CnnPerf.Backends;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Power;
using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Store;

/// <summary>Recorded results to write into stores.</summary>
internal static class StoreTestData
{
    public static MachineContext Machine { get; } = new("host", "AMD EPYC", "avx2 avx512f", 2, null, 2450.5, null, "6.18.0", "Debian GNU/Linux 12",
        ".NET 10.0.0", "0.1.0", new Dictionary<string, string?> { ["onnxruntime"] = "1.31.1", ["opencv"] = null }, new Dictionary<string, double>());

    public static RunResult Ok(string model, string backend, int threads, double p50)
    {
        var configuration = RunConfiguration.For(new ModelSource(model, $"/models/{model}.onnx", ModelFormat.Onnx), backend).WithThreads(threads)
            .WithSetting("graph-optimization", "all").WithIterations(2).Build();
        return new RunResult(configuration, RunStatus.Ok,
            [
                new MetricValue("latency.p50_ms", p50, "ms", Provenance.Measured),
                new MetricValue("latency.stddev_ms", double.NaN, "ms", Provenance.Derived),
                new MetricValue("sw.task_clock_ms", p50 * 0.9, "ms", Provenance.Measured, 0.75),
            ],
            [
                new InferenceSample(0, 1_000, p50, new Dictionary<string, double> { ["sw.task_clock_ms"] = 1.5, ["sw.page_faults"] = 2 }),
                new InferenceSample(1, 2_000, p50 + 1, new Dictionary<string, double> { ["sw.task_clock_ms"] = 1.6, ["sw.page_faults"] = 0 }),
            ],
            [new LayerTiming("conv1", "Conv", 0.5), new LayerTiming("relu1", "Relu", 0.1)],
            new PhaseTimeline(10, 20, 30, 40),
            [new CounterStatus("hw.cycles", "cycles", "hardware", false, "ENOENT", "no PMU in this VM")],
            "1.31.1", null)
        {
            Power = [new PowerSample(35e-9, 4.5), new PowerSample(36e-9, 4.6, 12.5)],
        };
    }

    public static RunResult Failed(string model) =>
        RunResult.Failed(RunConfiguration.For(new ModelSource(model, "/bad.onnx", ModelFormat.Onnx), "opencv").Build(),
            new RunFailure(FailureKind.Signal, "worker was killed by SIGSEGV (11)", null, 11, "line 1\nline, \"2\""));
}
