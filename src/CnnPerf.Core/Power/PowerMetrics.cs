using CnnPerf.Metrics;

namespace CnnPerf.Power;

/// <summary>
/// Turns a power capture and the phase boundaries of a configuration into its power and energy metrics. Pure:
/// the same capture and phases always give the same metrics.
/// </summary>
public static class PowerMetrics
{
    /// <summary>Computes the metrics of one configuration.</summary>
    /// <param name="capture">What the recorder captured (may be incomplete).</param>
    /// <param name="measured">The measured phase (the timed inferences).</param>
    /// <param name="inferences">Number of inferences in the measured phase.</param>
    /// <param name="idle">The idle phase before the configuration, for the baseline; null when none was measured.</param>
    /// <returns>
    /// Mean and peak power over whatever part of the measured phase the samples cover; energy, energy per
    /// inference and dynamic energy only when they cover all of it; <c>power.idle_w</c> when the idle phase is
    /// covered. <see cref="PowerSummary.Status"/> says why the power is incomplete when it is.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The measured phase is empty or the inference count is negative.</exception>
    public static PowerSummary Compute(PowerCapture capture, PowerPhase measured, long inferences, PowerPhase? idle = null)
    {
        if (!(measured.Duration > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(measured), measured, $"the measured phase [{measured.Start}, {measured.End}] is empty");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(inferences);
        var samples = capture.Samples;
        var values = new List<MetricValue>();
        void Add(MetricDefinition metric, double value, Provenance provenance)
        {
            if (double.IsFinite(value))
            {
                values.Add(new MetricValue(metric.Id, value, metric.Unit, provenance));
            }
        }

        Add(MetricIds.PowerMean, PowerIntegration.MeanPower(samples, measured.Start, measured.End), Provenance.Measured);
        Add(MetricIds.PowerPeak, PowerIntegration.PeakPower(samples, measured.Start, measured.End), Provenance.Measured);
        var idleWatts = idle is { } baseline && PowerIntegration.Covers(samples, baseline.Start, baseline.End)
            ? PowerIntegration.MeanPower(samples, baseline.Start, baseline.End)
            : double.NaN;
        Add(MetricIds.PowerIdle, idleWatts, Provenance.Measured);
        var energy = PowerIntegration.Energy(samples, measured.Start, measured.End);
        Add(MetricIds.EnergyMeasuredPhase, energy, Provenance.Measured);
        if (inferences > 0)
        {
            Add(MetricIds.EnergyPerInference, energy / inferences * 1000, Provenance.Measured);
            Add(MetricIds.EnergyDynamicPerInference, (energy - idleWatts * measured.Duration) / inferences * 1000, Provenance.Derived);
        }

        var inside = samples.Count(s => s.Seconds >= measured.Start && s.Seconds <= measured.End);
        var reason = capture.Failure ?? CoverageProblem(capture, measured, idle);
        return new PowerSummary(values, reason is null, PowerCapture.StatusOf(reason), inside);
    }

    private static string? CoverageProblem(PowerCapture capture, PowerPhase measured, PowerPhase? idle)
    {
        var samples = capture.Samples;
        if (samples.Count < 2)
        {
            return $"{capture.Meter} delivered {samples.Count} sample(s)";
        }
        if (!PowerIntegration.Covers(samples, measured.Start, measured.End))
        {
            var (from, to) = PowerIntegration.Covered(samples, measured.Start, measured.End);
            return $"samples cover {Math.Max(0, to - from):0.###} s of the {measured.Duration:0.###} s measured phase";
        }
        if (idle is { } baseline && !PowerIntegration.Covers(samples, baseline.Start, baseline.End))
        {
            return $"samples do not cover the {baseline.Duration:0.###} s idle phase";
        }
        return null;
    }
}
