using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CnnPerf.Statistics;

/// <summary>
/// Correlation of paired samples: Pearson's r with p-value and Fisher-z confidence interval, Spearman's rho with
/// p-value. Pure functions; degenerate input (fewer than 3 pairs, a constant sample) gives NaN, never an exception.
/// Values are checked against SciPy's <c>pearsonr</c> and <c>spearmanr</c> on reference data.
/// </summary>
public static class Correlation
{
    /// <summary>Pearson's r of two paired samples, with its two-sided p-value and confidence interval.</summary>
    /// <param name="x">First sample.</param>
    /// <param name="y">Second sample, the same length as <paramref name="x"/>.</param>
    /// <param name="level">Confidence level of the interval, 0.95 by default.</param>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    public static PearsonCorrelation Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y, double level = 0.95)
    {
        CheckPaired(x, y);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be between 0 and 1.");
        }

        var n = x.Count;
        var r = Coefficient(x, y);
        return new PearsonCorrelation(n, r, PValue(r, n), FisherInterval(r, n, level));
    }

    /// <summary>Spearman's rho (Pearson's r of the average ranks) with its two-sided p-value.</summary>
    /// <param name="x">First sample.</param>
    /// <param name="y">Second sample, the same length as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    public static SpearmanCorrelation Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckPaired(x, y);
        var rho = Coefficient(AverageRanks(x), AverageRanks(y));
        return new SpearmanCorrelation(x.Count, rho, PValue(rho, x.Count));
    }

    /// <summary>
    /// Ranks starting at 1, ties sharing the average of the ranks they span (SciPy's <c>rankdata</c> default).
    /// </summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]].Equals(values[order[start]]))
            {
                end++;
            }

            var rank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static double Coefficient(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        if (n < 3)
        {
            return double.NaN;
        }

        var meanX = SampleStatistics.Mean(x);
        var meanY = SampleStatistics.Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx == 0 || syy == 0)
        {
            return double.NaN;
        }

        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }

    /// <summary>
    /// Two-sided p-value of a correlation coefficient under the null hypothesis of no correlation: with
    /// t = r sqrt((n-2)/(1-r^2)), P(|T| &gt; |t|) = I_{1-r^2}((n-2)/2, 1/2).
    /// </summary>
    private static double PValue(double r, int n)
    {
        if (double.IsNaN(r))
        {
            return double.NaN;
        }

        var oneMinusRSquared = (1 - r) * (1 + r);
        if (oneMinusRSquared <= 0)
        {
            return 0;
        }

        return SpecialFunctions.BetaRegularized((n - 2) / 2.0, 0.5, oneMinusRSquared);
    }

    private static ConfidenceInterval FisherInterval(double r, int n, double level)
    {
        if (double.IsNaN(r) || n < 4)
        {
            return ConfidenceInterval.Undefined(level);
        }

        var z = Math.Atanh(r);
        var halfWidth = Normal.InvCDF(0, 1, 0.5 + level / 2) / Math.Sqrt(n - 3);
        return new ConfidenceInterval(Math.Tanh(z - halfWidth), Math.Tanh(z + halfWidth), level);
    }

    private static void CheckPaired(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The samples must be paired: x has {x.Count} values, y has {y.Count}.", nameof(y));
        }
    }
}
