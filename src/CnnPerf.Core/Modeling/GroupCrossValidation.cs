using CnnPerf.Analysis;
using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>
/// Cross-validation by group of a linear model (ordinary least squares or ridge): each group is predicted by a model
/// fitted on every other group, so the errors say how the model does on networks or backends it has not seen.
/// </summary>
public static class GroupCrossValidation
{
    /// <summary>Out-of-group predictions for plain arrays.</summary>
    /// <param name="rows">Feature values per observation.</param>
    /// <param name="y">Target per observation.</param>
    /// <param name="groups">Group label per observation.</param>
    /// <param name="lambda">Ridge penalty on standardized features; 0 for ordinary least squares.</param>
    /// <returns>The prediction for each observation (NaN when the other groups were too few to fit).</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double[] Predict(IReadOnlyList<double[]> rows, IReadOnlyList<double> y, IReadOnlyList<string> groups, double lambda = 0)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(groups);
        if (rows.Count != y.Count || groups.Count != y.Count)
        {
            throw new ArgumentException($"There are {rows.Count} feature rows, {y.Count} target values and {groups.Count} group labels.", nameof(groups));
        }

        var predictions = new double[y.Count];
        foreach (var group in groups.Distinct())
        {
            var training = Enumerable.Range(0, y.Count).Where(i => groups[i] != group).ToArray();
            var fit = training.Length == 0 ? null : LinearRegression.Ridge(training.Select(i => rows[i]).ToArray(), training.Select(i => y[i]).ToArray(), lambda);
            for (var i = 0; i < y.Count; i++)
            {
                if (groups[i] == group)
                {
                    predictions[i] = fit?.Predict(rows[i]) ?? double.NaN;
                }
            }
        }

        return predictions;
    }

    /// <summary>
    /// Cross-validates a linear model of <paramref name="target"/> on <paramref name="features"/> over the rows of
    /// <paramref name="table"/> that have the target and every feature.
    /// </summary>
    /// <exception cref="ArgumentException">The table lacks the target or a feature column.</exception>
    public static CrossValidationResult Run(
        MetricTable table, string target, IReadOnlyList<string> features, CrossValidationScheme scheme, double lambda = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(scheme);
        var (indices, rows, y) = CompleteRows(table, target, features);
        var groups = indices.Select(i => scheme.GroupOf(table.Keys[i], i)).ToArray();
        var predicted = Predict(rows, y, groups, lambda);
        var predictions = indices.Select((row, k) => new CrossValidatedPrediction(table.Keys[row], groups[k], y[k], predicted[k])).ToList();
        return new CrossValidationResult(scheme.Name, target, features.ToList(), lambda, predictions, PredictionErrors.Compute(y, predicted));
    }

    /// <summary>The indices, feature rows and target values of the rows where the target and all features are numbers.</summary>
    internal static (int[] Indices, double[][] Rows, double[] Y) CompleteRows(MetricTable table, string target, IReadOnlyList<string> features)
    {
        var targetColumn = table.Column(target);
        var featureColumns = features.Select(table.Column).ToArray();
        var indices = Enumerable.Range(0, table.RowCount)
            .Where(i => !double.IsNaN(targetColumn[i]) && featureColumns.All(column => !double.IsNaN(column[i])))
            .ToArray();
        return (indices,
            indices.Select(i => featureColumns.Select(column => column[i]).ToArray()).ToArray(),
            indices.Select(i => targetColumn[i]).ToArray());
    }
}
