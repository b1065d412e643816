using CnnPerf.Statistics;

namespace CnnPerf.Analysis;

/// <summary>Pearson correlation of every pair of columns (pairwise-complete rows), for a heatmap.</summary>
/// <param name="Names">Column ids, in row/column order of <paramref name="Values"/>.</param>
/// <param name="Values">Square matrix of r; the diagonal is 1 and undefined pairs are NaN.</param>
public sealed record CorrelationMatrix(IReadOnlyList<string> Names, double[,] Values)
{
    /// <summary>The correlation matrix of the given columns; columns that are constant or missing are left out.</summary>
    /// <param name="table">One row per configuration.</param>
    /// <param name="columns">Column ids; every column of the table when null.</param>
    public static CorrelationMatrix Compute(MetricTable table, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = (columns ?? table.Columns)
            .Where(name => table.HasColumn(name) && PairedColumns.DegeneracyReason(name, table.Column(name)) is null)
            .ToList();
        var values = new double[names.Count, names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            values[i, i] = 1;
            for (var j = i + 1; j < names.Count; j++)
            {
                var (x, y) = PairedColumns.Complete(table.Column(names[i]), table.Column(names[j]));
                values[i, j] = values[j, i] = Correlation.Pearson(x, y).R;
            }
        }

        return new CorrelationMatrix(names, values);
    }
}
