namespace CnnPerf.Power;

/// <summary>
/// Pure functions over a power trace (samples in time order) and an interval [t0, t1]: energy by the trapezoidal
/// rule with linear interpolation at the boundaries (or, for energy-counter meters, the counter's difference
/// interpolated at the boundaries), time-weighted mean, peak and minimum power. Degenerate input (fewer than two
/// samples, an empty interval, a trace that does not cover the interval) gives NaN.
/// </summary>
public static class PowerIntegration
{
    /// <summary>Energy in joules over [t0, t1]; NaN unless the samples cover the whole interval.</summary>
    public static double Energy(IReadOnlyList<PowerSample> samples, double t0, double t1)
    {
        if (!Covers(samples, t0, t1) || !(t1 > t0))
        {
            return double.NaN;
        }
        if (samples.All(s => s.Joules.HasValue))
        {
            return Interpolate(samples, t1, s => s.Joules!.Value, Limit.Before) - Interpolate(samples, t0, s => s.Joules!.Value);
        }
        var energy = 0.0;
        var previousTime = t0;
        var previousWatts = Interpolate(samples, t0, s => s.Watts);
        foreach (var sample in samples)
        {
            if (sample.Seconds <= t0)
            {
                continue;
            }
            if (sample.Seconds >= t1)
            {
                break;
            }
            energy += (sample.Seconds - previousTime) * (sample.Watts + previousWatts) / 2;
            (previousTime, previousWatts) = (sample.Seconds, sample.Watts);
        }
        return energy + (t1 - previousTime) * (Interpolate(samples, t1, s => s.Watts, Limit.Before) + previousWatts) / 2;
    }

    /// <summary>
    /// Time-weighted mean power over the part of [t0, t1] the samples cover (energy / covered time); NaN when
    /// they cover none of it.
    /// </summary>
    public static double MeanPower(IReadOnlyList<PowerSample> samples, double t0, double t1)
    {
        var (from, to) = Covered(samples, t0, t1);
        return to > from ? Energy(samples, from, to) / (to - from) : double.NaN;
    }

    /// <summary>The largest power over the covered part of [t0, t1] (samples inside and interpolated boundary values).</summary>
    public static double PeakPower(IReadOnlyList<PowerSample> samples, double t0, double t1) => Extreme(samples, t0, t1, Math.Max);

    /// <summary>The smallest power over the covered part of [t0, t1].</summary>
    public static double MinPower(IReadOnlyList<PowerSample> samples, double t0, double t1) => Extreme(samples, t0, t1, Math.Min);

    /// <summary>Whether the samples start at or before <paramref name="t0"/> and end at or after <paramref name="t1"/>.</summary>
    public static bool Covers(IReadOnlyList<PowerSample> samples, double t0, double t1) =>
        samples.Count >= 2 && samples[0].Seconds <= t0 && samples[^1].Seconds >= t1;

    /// <summary>The part of [t0, t1] the samples cover: [max(t0, first), min(t1, last)] (empty when from >= to).</summary>
    public static (double From, double To) Covered(IReadOnlyList<PowerSample> samples, double t0, double t1) =>
        samples.Count < 2 ? (t0, t0) : (Math.Max(t0, samples[0].Seconds), Math.Min(t1, samples[^1].Seconds));

    /// <summary>
    /// A sample's value at time <paramref name="t"/>, linearly interpolated between its neighbours. Where several
    /// samples share the instant (a step), <paramref name="side"/> picks the value just before it (the first of
    /// them, for the end of an interval) or just after it (the last, for a start).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is outside the samples.</exception>
    public static double Interpolate(IReadOnlyList<PowerSample> samples, double t, Func<PowerSample, double> value, Limit side = Limit.After)
    {
        if (samples.Count == 0 || t < samples[0].Seconds || t > samples[^1].Seconds)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, $"time {t} is outside the {samples.Count} samples");
        }
        // First index whose time is >= t (Before) or > t (After).
        var (low, high) = (0, samples.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            var right = side == Limit.Before ? samples[middle].Seconds >= t : samples[middle].Seconds > t;
            (low, high) = right ? (low, middle) : (middle + 1, high);
        }
        if (side == Limit.Before && samples[low].Seconds == t)
        {
            return value(samples[low]);
        }
        if (side == Limit.After && (low == samples.Count || samples[low - 1].Seconds == t))
        {
            return value(samples[low - 1]);
        }
        var (a, b) = (samples[low - 1], samples[low]);
        return value(a) + (value(b) - value(a)) * (t - a.Seconds) / (b.Seconds - a.Seconds);
    }

    private static double Extreme(IReadOnlyList<PowerSample> samples, double t0, double t1, Func<double, double, double> pick)
    {
        var (from, to) = Covered(samples, t0, t1);
        if (!(to >= from) || samples.Count < 2)
        {
            return double.NaN;
        }
        var result = pick(Interpolate(samples, from, s => s.Watts), Interpolate(samples, to, s => s.Watts, Limit.Before));
        foreach (var sample in samples)
        {
            if (sample.Seconds > from && sample.Seconds < to)
            {
                result = pick(result, sample.Watts);
            }
        }
        return result;
    }
}
