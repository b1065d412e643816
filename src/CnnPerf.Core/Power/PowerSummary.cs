using CnnPerf.Metrics;

namespace CnnPerf.Power;

/// <summary>The power and energy metrics of one configuration, and whether they are complete.</summary>
/// <param name="Values">power.mean_w, power.peak_w, power.idle_w, energy.measured_phase_j, energy.per_inference_mj, energy.dynamic_per_inference_mj — those that could be computed.</param>
/// <param name="Complete">True when the meter delivered samples over the whole measured phase.</param>
/// <param name="Status"><c>power complete</c>, or <c>power incomplete: </c> and the reason.</param>
/// <param name="Samples">Number of samples inside the measured phase.</param>
public sealed record PowerSummary(IReadOnlyList<MetricValue> Values, bool Complete, string Status, int Samples)
{
    /// <summary>The value of metric <paramref name="id"/>, or null when it was not computed.</summary>
    public double? Find(string id) => Values.FirstOrDefault(v => v.Id == id)?.Value;
}
