using CnnPerf.Analysis;
using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>
/// Greedy forward feature selection by cross-validated error: start with no feature, add the candidate that lowers
/// the cross-validated RMSE most, stop when no candidate lowers it or the limit is reached.
/// </summary>
public static class ForwardSelection
{
    /// <summary>Selects features for a linear model of <paramref name="target"/>.</summary>
    /// <param name="table">One row per configuration.</param>
    /// <param name="target">Target metric id.</param>
    /// <param name="candidates">Candidate feature ids (columns missing from the table or constant are ignored).</param>
    /// <param name="scheme">Cross-validation folds.</param>
    /// <param name="maxFeatures">Most features to select.</param>
    /// <param name="lambda">Ridge penalty; 0 for ordinary least squares.</param>
    /// <returns>The selection, or null when not even one feature can be cross-validated.</returns>
    public static FeatureSelectionResult? Select(
        MetricTable table, string target, IReadOnlyList<string> candidates, CrossValidationScheme scheme, int maxFeatures = 3, double lambda = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFeatures, 1);
        var pool = candidates
            .Where(c => c != target && table.HasColumn(c) && PairedColumns.DegeneracyReason(c, table.Column(c)) is null)
            .ToList();
        var selected = new List<string>();
        var steps = new List<FeatureSelectionStep>();
        CrossValidationResult? best = null;
        while (selected.Count < maxFeatures && pool.Count > 0)
        {
            var round = pool
                .Select(candidate => GroupCrossValidation.Run(table, target, [.. selected, candidate], scheme, lambda))
                .Where(result => result.Errors.N > 0 && double.IsFinite(result.Errors.RootMeanSquaredError)
                    && result.Errors.N == result.Predictions.Count)
                .OrderBy(result => result.Errors.RootMeanSquaredError)
                .FirstOrDefault();
            if (round is null || (best is not null && round.Errors.RootMeanSquaredError >= best.Errors.RootMeanSquaredError))
            {
                break;
            }

            var added = round.Features[^1];
            selected.Add(added);
            pool.Remove(added);
            steps.Add(new FeatureSelectionStep(added, round.Errors));
            best = round;
        }

        if (best is null)
        {
            return null;
        }

        var (_, rows, y) = GroupCrossValidation.CompleteRows(table, target, selected);
        return new FeatureSelectionResult(target, selected, steps, LinearRegression.Ridge(rows, y, lambda), best);
    }
}
