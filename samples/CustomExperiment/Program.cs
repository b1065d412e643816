// A custom experiment written against the CnnPerf library: one model, two backends, two thread counts,
// measured in this process with the Linux counters, printed as a table.
using CnnPerf.Backends;
using CnnPerf.Counters;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Frameworks.OpenCv;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;

var model = new ModelZoo().Get(args.Length > 0 ? args[0] : "mobilenet_v2");
IInferenceBackend[] backends = [new OnnxRuntimeBackend(), new OpenCvBackend()];
var executor = new InProcessExecutor(backends, new MeasurementRunner(() => new PerfCounterSource()));

Console.WriteLine($"{"backend",-12} {"threads",7} {"p50 ms",8} {"p99 ms",8} {"fps",7} {"cores",6} {"ctx sw",7}");
foreach (var backend in backends.Where(b => b.Availability.IsAvailable))
{
    foreach (var threads in new[] { 1, 2 })
    {
        var configuration = RunConfiguration.For(model, backend.Name)
            .WithThreads(threads)
            .WithWarmup(WarmupPolicy.UntilStable())
            .WithDuration(TimeSpan.FromSeconds(2))
            .Build();
        var r = executor.Execute(configuration);
        if (r.Failure is { } failure)
        {
            Console.WriteLine($"{backend.Name,-12} {threads,7}  failed: {failure.Message}");
            continue;
        }
        Console.WriteLine($"{backend.Name,-12} {threads,7} {r.ValueOf(MetricIds.LatencyP50),8:0.00} {r.ValueOf(MetricIds.LatencyP99),8:0.00} " +
                          $"{r.ValueOf(MetricIds.ThroughputFps),7:0.0} {r.ValueOf(MetricIds.CpuUtilizationCores),6:0.00} {r.ValueOf(MetricIds.SwContextSwitches),7:0.0}");
    }
}
