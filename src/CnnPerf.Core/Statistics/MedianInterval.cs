namespace CnnPerf.Statistics;

/// <summary>
/// Distribution-free confidence interval of the median from order statistics: the number of values below the
/// median is Binomial(n, 1/2), approximated by a normal distribution.
/// </summary>
public static class MedianInterval
{
    /// <summary>
    /// The 95% confidence interval of the median of already sorted values, as (lower, upper). Both are NaN for
    /// fewer than 6 values (the interval would span the whole sample).
    /// </summary>
    public static (double Lower, double Upper) Of95(IReadOnlyList<double> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var n = sorted.Count;
        if (n < 6)
        {
            return (double.NaN, double.NaN);
        }
        const double z = 1.959963984540054;
        var half = z * Math.Sqrt(n) / 2.0;
        var lowerRank = Math.Max(1, (int)Math.Floor(n / 2.0 - half));
        var upperRank = Math.Min(n, (int)Math.Ceiling(1 + n / 2.0 + half));
        return (sorted[lowerRank - 1], sorted[upperRank - 1]);
    }

    /// <summary>
    /// Half the width of the 95% interval divided by the median (0.01 means +/-1%); NaN when the interval is
    /// undefined or the median is zero.
    /// </summary>
    public static double RelativeHalfWidth95(IReadOnlyList<double> sorted)
    {
        var (lower, upper) = Of95(sorted);
        var median = Quantile.OfSorted(sorted, 0.5);
        return median == 0 ? double.NaN : (upper - lower) / 2.0 / Math.Abs(median);
    }
}
