namespace CnnPerf.Statistics;

/// <summary>Quantiles of a sample (pure functions).</summary>
public static class Quantile
{
    /// <summary>
    /// The <paramref name="p"/>-quantile of already sorted values with linear interpolation between order
    /// statistics (R type 7, the default of R, NumPy and pandas). NaN for an empty sample.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Quantile level must be in [0, 1], got {p}.");
        }
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var h = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }
}
