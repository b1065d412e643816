using CnnPerf.Metrics;
using CnnPerf.Running;

namespace CnnPerf.Store;

/// <summary>A measured (or failed) configuration as the store holds it.</summary>
/// <param name="Id">The configuration's id.</param>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Backend">The backend's name.</param>
/// <param name="BackendVersion">The framework's version.</param>
/// <param name="Threads">Threads.</param>
/// <param name="Batch">Images per inference.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Metrics">Its metric values.</param>
/// <param name="Failure">Why it failed, when it did.</param>
public sealed record StoredConfiguration(
    long Id,
    long RunId,
    string Model,
    string Backend,
    string? BackendVersion,
    int Threads,
    int Batch,
    RunStatus Status,
    IReadOnlyList<MetricValue> Metrics,
    RunFailure? Failure)
{
    /// <summary>The model file that was measured (the ONNX file, or the Caffe <c>.prototxt</c>); empty when unknown.</summary>
    public string ModelPath { get; init; } = "";

    /// <summary><c>power complete</c>, or <c>power incomplete: </c> and why; null when no meter was used (or the store predates it).</summary>
    public string? PowerStatus { get; init; }

    /// <summary>The value of a metric, or NaN when it is not stored.</summary>
    public double ValueOf(string metricId) => Metrics.FirstOrDefault(m => m.Id == metricId)?.Value ?? double.NaN;
}
