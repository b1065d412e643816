using MathNet.Numerics.Distributions;

namespace CnnPerf.Statistics;

/// <summary>
/// Descriptive statistics of one sample (for example per-inference latencies). Pure functions: NaN for too few
/// values, <see cref="ArgumentException"/> for invalid arguments.
/// </summary>
public static class SampleStatistics
{
    /// <summary>Arithmetic mean; NaN for an empty sample.</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Count;
    }

    /// <summary>Sample standard deviation (denominator n - 1); NaN for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var mean = Mean(values);
        double sum = 0;
        foreach (var value in values)
        {
            sum += (value - mean) * (value - mean);
        }

        return Math.Sqrt(sum / (values.Count - 1));
    }

    /// <summary>
    /// Percentile by linear interpolation between the closest ranks: the value at position
    /// <c>(n - 1) * p / 100</c> of the sorted sample (numpy's default, Hyndman and Fan type 7). NaN for an empty sample.
    /// </summary>
    /// <param name="values">The sample, in any order.</param>
    /// <param name="percent">Percentile in [0, 100], for example 50 for the median or 99.</param>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(percent >= 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentile must be between 0 and 100.");
        }

        if (values.Count == 0)
        {
            return double.NaN;
        }

        return PercentileOfSorted(Sorted(values), percent);
    }

    /// <summary>Median (the 50th percentile by linear interpolation); NaN for an empty sample.</summary>
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>
    /// Distribution-free confidence interval of the median from order statistics: the widest-inside symmetric pair
    /// <c>[x(l), x(n - l + 1)]</c> (1-based, sorted) whose coverage under Binomial(n, 1/2) is at least
    /// <paramref name="level"/>. Undefined (NaN bounds) when the sample is too small for that level (n &lt; 6 at 95%).
    /// </summary>
    /// <param name="values">The sample, in any order.</param>
    /// <param name="level">Confidence level in (0, 1), 0.95 by default.</param>
    public static ConfidenceInterval MedianConfidenceInterval(IReadOnlyList<double> values, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be between 0 and 1.");
        }

        var n = values.Count;
        var alpha = 1 - level;
        // Largest l such that P(X <= l - 1) <= alpha / 2 for X ~ Binomial(n, 1/2).
        var l = 0;
        while (l + 1 <= n / 2 && Binomial.CDF(0.5, n, l) <= alpha / 2)
        {
            l++;
        }

        if (l < 1)
        {
            return ConfidenceInterval.Undefined(level);
        }

        var sorted = Sorted(values);
        return new ConfidenceInterval(sorted[l - 1], sorted[n - l], level);
    }

    /// <summary>Percentile by linear interpolation of an already sorted, non-empty sample.</summary>
    internal static double PercentileOfSorted(double[] sorted, double percent)
    {
        var position = (sorted.Length - 1) * percent / 100.0;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
    }

    private static double[] Sorted(IReadOnlyList<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
