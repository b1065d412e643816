using CnnPerf.Backends;
using CnnPerf.Models;
using CnnPerf.Native.Processes;

namespace CnnPerf.Running;

/// <summary>
/// One configuration to measure: a model on a backend with its options (threads first), a batch size and an
/// input seed, and the warm-up and measurement policies. Compose it with <see cref="For"/> (fluent) or from the
/// command line; <see cref="RunConfigurationBuilder.Build"/> validates it; afterwards it is immutable.
/// </summary>
public sealed record RunConfiguration
{
    /// <summary>The model.</summary>
    public required ModelSource Model { get; init; }

    /// <summary>The backend's name, for example <c>onnxruntime</c>.</summary>
    public required string Backend { get; init; }

    /// <summary>Threads and backend-specific settings.</summary>
    public required BackendOptions Options { get; init; }

    /// <summary>Images per inference; the model's input must have this batch dimension.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Seed of the random input tensor (values uniform in [-1, 1)).</summary>
    public int InputSeed { get; init; } = 42;

    /// <summary>When warm-up ends.</summary>
    public WarmupPolicy Warmup { get; init; } = WarmupPolicy.UntilStable();

    /// <summary>When the measured phase ends.</summary>
    public MeasurementPolicy Measurement { get; init; } = MeasurementPolicy.ForIterations(100);

    /// <summary>CPUs to pin the measuring process to before the backend loads; empty to leave affinity alone.</summary>
    public IReadOnlyList<int> PinCpus { get; init; } = [];

    /// <summary>Whether counters are read around every inference (per-inference samples); phase deltas are always taken.</summary>
    public bool CountersPerInference { get; init; } = true;

    /// <summary>Runs of the backend's per-layer profiler after the measured phase (0 = no per-layer timings).</summary>
    public int ProfileLayerRuns { get; init; }

    /// <summary>The thread count of <see cref="Options"/>.</summary>
    public int Threads => Options.Threads;

    /// <summary>A short label: <c>model/backend/Nt</c>.</summary>
    public string Label => $"{Model.Name}/{Backend}/{Threads}t";

    /// <summary>Starts a fluent builder for a model on a backend.</summary>
    public static RunConfigurationBuilder For(ModelSource model, string backend) => new(model, backend);

    /// <summary>Every problem with this configuration; empty when it can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Backend))
        {
            problems.Add("backend name is empty");
        }
        if (BackendOptions.ThreadsProblem(Options.Threads) is { } threads)
        {
            problems.Add(threads);
        }
        if (Batch < 1)
        {
            problems.Add($"batch must be at least 1, got {Batch}");
        }
        if (ProfileLayerRuns < 0)
        {
            problems.Add($"profile layer runs must be >= 0, got {ProfileLayerRuns}");
        }
        var cpus = Environment.ProcessorCount;
        if (PinCpus.Where(c => c < 0 || c >= cpus).ToList() is { Count: > 0 } absent)
        {
            problems.Add($"cannot pin to CPU(s) {CpuList.Format(absent)}: this machine has CPUs 0-{cpus - 1}");
        }
        problems.AddRange(Warmup.Validate());
        problems.AddRange(Measurement.Validate());
        return problems;
    }
}
