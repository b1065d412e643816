using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using CnnPerf.Backends;
using CnnPerf.Counters;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Models;

namespace CnnPerf.Benchmarks.Running;

/// <summary>
/// The cost of reading every counter around each inference, as the runner does in its measured phase: one
/// squeezenet1_1 inference on ONNX Runtime with 1 thread, timed like the runner times it, with and without a
/// read of all perf counters, and the read alone (its absolute cost). Throughput ratio = 1 / Ratio (target >= 0.99).
/// Run: dotnet run -c Release --project benchmarks/CnnPerf.Benchmarks -- --filter '*CounterOverhead*'
/// (in process: the counters belong to the benchmark process, and no per-job project is built).
/// </summary>
[InProcess]
[WarmupCount(5)]
[IterationCount(20)]
public class CounterOverheadBenchmarks
{
    private PerfCounterSource _counters = null!;
    private IInferenceSession _session = null!;
    private Tensor _input = null!;
    private Tensor _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        _counters = new PerfCounterSource();
        _counters.Start();
        _session = new OnnxRuntimeBackend().Load(new ModelZoo().Get("squeezenet1_1"), new BackendOptions(1));
        _input = Tensor.Random(_session.InputShape, 42);
        _output = new Tensor(_session.OutputShape);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _counters.Dispose();
    }

    [Benchmark(Baseline = true, Description = "inference, no counters")]
    public long NoCounters()
    {
        var start = Stopwatch.GetTimestamp();
        _session.Run(_input, _output);
        return Stopwatch.GetTimestamp() - start;
    }

    [Benchmark(Description = "inference + all counters read")]
    public long AllCountersPerInference()
    {
        var start = Stopwatch.GetTimestamp();
        _session.Run(_input, _output);
        var elapsed = Stopwatch.GetTimestamp() - start;
        return elapsed + _counters.Read().Values.Count;
    }

    [Benchmark(Description = "all counters read alone")]
    public int CountersAlone() => _counters.Read().Values.Count;
}
