using CnnPerf.Statistics;

namespace CnnPerf.Analysis;

/// <summary>Correlates every metric of a <see cref="MetricTable"/> with each performance target.</summary>
public static class MetricCorrelations
{
    /// <summary>
    /// Pearson (with p-value and 95% CI) and Spearman correlation of each metric with each target, over the
    /// configurations where both values exist. Missing targets, missing or constant metrics and pairs with fewer
    /// than 3 complete configurations are listed in <see cref="CorrelationReport.Skipped"/> with the reason.
    /// </summary>
    /// <param name="table">One row per configuration.</param>
    /// <param name="targets">Target ids; <see cref="PerformanceTargets.Default"/> when null.</param>
    /// <param name="metrics">Explanatory metric ids; every non-performance column of the table when null.</param>
    public static CorrelationReport AgainstTargets(
        MetricTable table, IReadOnlyList<string>? targets = null, IReadOnlyList<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        targets ??= PerformanceTargets.Default;
        metrics ??= PerformanceTargets.ExplanatoryColumns(table);
        var correlations = new List<MetricCorrelation>();
        var skipped = new List<SkippedCorrelation>();
        var metricProblems = metrics.ToDictionary(
            metric => metric,
            metric => table.HasColumn(metric) ? PairedColumns.DegeneracyReason(metric, table.Column(metric)) : $"{metric}: not in the table");
        foreach (var target in targets)
        {
            var targetProblem = table.HasColumn(target) ? PairedColumns.DegeneracyReason(target, table.Column(target)) : $"{target}: not measured";
            if (targetProblem is not null)
            {
                skipped.Add(new SkippedCorrelation(target, null, targetProblem));
                continue;
            }

            var forTarget = new List<MetricCorrelation>();
            foreach (var metric in metrics.Where(metric => metric != target))
            {
                if (metricProblems[metric] is { } problem)
                {
                    skipped.Add(new SkippedCorrelation(target, metric, problem));
                    continue;
                }

                var (x, y) = PairedColumns.Complete(table.Column(metric), table.Column(target));
                var pearson = Correlation.Pearson(x, y);
                if (double.IsNaN(pearson.R))
                {
                    skipped.Add(new SkippedCorrelation(target, metric, $"only {x.Length} configurations have both values, or one of them is constant there"));
                    continue;
                }

                forTarget.Add(new MetricCorrelation(target, metric, pearson, Correlation.Spearman(x, y)));
            }

            correlations.AddRange(forTarget.OrderByDescending(c => Math.Abs(c.Pearson.R)).ThenBy(c => c.Metric, StringComparer.Ordinal));
        }

        return new CorrelationReport(table.RowCount, correlations, skipped);
    }
}
