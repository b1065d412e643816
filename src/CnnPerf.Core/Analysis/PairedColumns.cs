namespace CnnPerf.Analysis;

/// <summary>Pairwise-complete values of two columns: the rows where neither is NaN.</summary>
internal static class PairedColumns
{
    /// <summary>The values of both columns at the rows where both are numbers.</summary>
    public static (double[] X, double[] Y) Complete(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var rows = Enumerable.Range(0, x.Count).Where(i => !double.IsNaN(x[i]) && !double.IsNaN(y[i])).ToArray();
        return (rows.Select(i => x[i]).ToArray(), rows.Select(i => y[i]).ToArray());
    }

    /// <summary>Why a column cannot be correlated (all missing, too few values, constant), or null when it can.</summary>
    public static string? DegeneracyReason(string name, IReadOnlyList<double> values)
    {
        var present = values.Where(value => !double.IsNaN(value)).ToArray();
        if (present.Length == 0)
        {
            return $"{name}: not measured in any configuration";
        }

        if (present.Length < 3)
        {
            return $"{name}: only {present.Length} configuration(s) have a value, at least 3 are needed";
        }

        return present.All(value => value.Equals(present[0]))
            ? $"{name}: constant ({present[0]:G6} in every configuration)"
            : null;
    }
}
