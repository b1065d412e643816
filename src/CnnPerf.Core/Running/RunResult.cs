using CnnPerf.Backends;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Power;

namespace CnnPerf.Running;

/// <summary>What measuring one configuration produced.</summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Metrics">Every metric value (latency, throughput, CPU, memory, counters per inference...).</param>
/// <param name="Samples">The measured inferences, in order.</param>
/// <param name="Layers">Per-layer timings when requested and offered by the backend.</param>
/// <param name="Phases">Phase boundaries on CLOCK_MONOTONIC.</param>
/// <param name="Counters">Every counter the source knows, with the reason when unavailable.</param>
/// <param name="BackendVersion">The framework's version.</param>
/// <param name="Failure">
/// Why it failed, or why an interrupted configuration has no measurements; null for a measured one.
/// </param>
public sealed record RunResult(
    RunConfiguration Configuration,
    RunStatus Status,
    IReadOnlyList<MetricValue> Metrics,
    IReadOnlyList<InferenceSample> Samples,
    IReadOnlyList<LayerTiming> Layers,
    PhaseTimeline Phases,
    IReadOnlyList<CounterStatus> Counters,
    string? BackendVersion,
    RunFailure? Failure)
{
    /// <summary>Power readings a host-side monitor took while the configuration ran; empty without a meter.</summary>
    public IReadOnlyList<PowerSample> Power { get; init; } = [];

    /// <summary>
    /// <c>power complete</c>, or <c>power incomplete: </c> and why (a meter that failed, a log with a bad line,
    /// samples that do not cover the measured phase); null when no meter was used.
    /// </summary>
    public string? PowerStatus { get; init; }

    /// <summary>Whether a meter was used and its power does not cover the configuration (see <see cref="PowerStatus"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool PowerIncomplete => PowerStatus is not null && PowerStatus != PowerCapture.CompleteStatus;

    /// <summary>A failed configuration with no measurements.</summary>
    public static RunResult Failed(RunConfiguration configuration, RunFailure failure, string? backendVersion = null) =>
        new(configuration, RunStatus.Failed, [], [], [], PhaseTimeline.None, [], backendVersion, failure);

    /// <summary>An interrupted configuration with no measurements, and why (the stop came before anything was measured).</summary>
    public static RunResult Stopped(RunConfiguration configuration, string reason) =>
        Failed(configuration, new RunFailure(FailureKind.Signal, reason)) with { Status = RunStatus.Interrupted };

    /// <summary>The value of a metric, or null when it was not measured.</summary>
    public MetricValue? Find(string id) => Metrics.FirstOrDefault(m => m.Id == id);

    /// <summary>The value of a metric, or NaN when it was not measured.</summary>
    public double ValueOf(MetricDefinition metric) => Find(metric.Id)?.Value ?? double.NaN;
}
