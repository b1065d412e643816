using CnnPerf.Metrics;
using CnnPerf.Running;

namespace CnnPerf.Cli;

/// <summary>The <c>--json</c> shape of one measured configuration.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Backend">The backend's name.</param>
/// <param name="Threads">Threads.</param>
/// <param name="Status"><c>ok</c>, <c>failed</c> or <c>interrupted</c>.</param>
/// <param name="Metrics">Every metric by id.</param>
/// <param name="Failure">Why it failed, when it did.</param>
/// <param name="PowerStatus"><c>power complete</c> or <c>power incomplete: reason</c>; absent without a meter.</param>
internal sealed record RunReport(string Model, string Backend, int Threads, RunStatus Status, IReadOnlyDictionary<string, RunReport.Entry> Metrics, RunFailure? Failure,
    string? PowerStatus)
{
    /// <summary>A metric's value, unit, provenance and (for counters) running share.</summary>
    public sealed record Entry(double Value, string Unit, Provenance Provenance, double? RunningShare);

    /// <summary>The report of a result.</summary>
    public static RunReport From(RunResult result) => new(
        result.Configuration.Model.Name, result.Configuration.Backend, result.Configuration.Threads, result.Status,
        result.Metrics.ToDictionary(m => m.Id, m => new Entry(m.Value, m.Unit, m.Provenance, m.RunningShare)), result.Failure, result.PowerStatus);
}
