using CnnPerf.Backends;
using CnnPerf.Models;

namespace CnnPerf.Running;

/// <summary>Composes a <see cref="RunConfiguration"/> step by step; <see cref="Build"/> validates and freezes it.</summary>
public sealed class RunConfigurationBuilder
{
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private readonly ModelSource _model;
    private readonly string _backend;
    private int _threads = 1;
    private int _batch = 1;
    private int _seed = 42;
    private WarmupPolicy _warmup = WarmupPolicy.UntilStable();
    private MeasurementPolicy _measurement = MeasurementPolicy.ForIterations(100);
    private int[] _pin = [];
    private bool _countersPerInference = true;
    private int _profileLayerRuns;

    /// <summary>Starts a configuration of <paramref name="model"/> on the backend named <paramref name="backend"/>.</summary>
    public RunConfigurationBuilder(ModelSource model, string backend)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(backend);
        _model = model;
        _backend = backend;
    }

    /// <summary>Threads the framework may use for one inference.</summary>
    public RunConfigurationBuilder WithThreads(int threads) { _threads = threads; return this; }

    /// <summary>A backend-specific setting (for example <c>graph-optimization=all</c>).</summary>
    public RunConfigurationBuilder WithSetting(string name, string value) { _settings[name] = value; return this; }

    /// <summary>Images per inference.</summary>
    public RunConfigurationBuilder WithBatch(int batch) { _batch = batch; return this; }

    /// <summary>Seed of the random input.</summary>
    public RunConfigurationBuilder WithInputSeed(int seed) { _seed = seed; return this; }

    /// <summary>The warm-up policy.</summary>
    public RunConfigurationBuilder WithWarmup(WarmupPolicy warmup) { _warmup = warmup; return this; }

    /// <summary>Measures a fixed number of inferences.</summary>
    public RunConfigurationBuilder WithIterations(int iterations) { _measurement = MeasurementPolicy.ForIterations(iterations); return this; }

    /// <summary>Measures for a wall-clock duration.</summary>
    public RunConfigurationBuilder WithDuration(TimeSpan duration) { _measurement = MeasurementPolicy.ForDuration(duration); return this; }

    /// <summary>Measures until the median is known within +/- <paramref name="targetRelativeHalfWidth"/> or <paramref name="timeCap"/>.</summary>
    public RunConfigurationBuilder WithAdaptive(double targetRelativeHalfWidth = 0.01, TimeSpan? timeCap = null)
    {
        _measurement = MeasurementPolicy.Adaptive(targetRelativeHalfWidth, timeCap);
        return this;
    }

    /// <summary>The measurement policy.</summary>
    public RunConfigurationBuilder WithMeasurement(MeasurementPolicy measurement) { _measurement = measurement; return this; }

    /// <summary>Pins the measuring process to these CPUs before the backend loads.</summary>
    public RunConfigurationBuilder PinnedTo(params int[] cpus) { _pin = (int[])cpus.Clone(); return this; }

    /// <summary>Whether counters are read around every inference (default true).</summary>
    public RunConfigurationBuilder WithCountersPerInference(bool enabled) { _countersPerInference = enabled; return this; }

    /// <summary>Collects per-layer timings with <paramref name="runs"/> profiled inferences after the measured phase.</summary>
    public RunConfigurationBuilder WithLayerProfile(int runs) { _profileLayerRuns = runs; return this; }

    /// <summary>Validates and returns the immutable configuration.</summary>
    /// <exception cref="ConfigurationException">The values do not make a runnable configuration.</exception>
    public RunConfiguration Build()
    {
        var configuration = new RunConfiguration
        {
            Model = _model,
            Backend = _backend,
            Options = new BackendOptions(_threads, new Dictionary<string, string>(_settings, StringComparer.Ordinal)),
            Batch = _batch,
            InputSeed = _seed,
            Warmup = _warmup,
            Measurement = _measurement,
            PinCpus = (int[])_pin.Clone(),
            CountersPerInference = _countersPerInference,
            ProfileLayerRuns = _profileLayerRuns,
        };
        var problems = configuration.Validate();
        if (problems.Count > 0)
        {
            throw new ConfigurationException($"{configuration.Label}: {string.Join("; ", problems)}");
        }
        return configuration;
    }
}
