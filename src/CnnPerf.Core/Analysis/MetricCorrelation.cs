using CnnPerf.Statistics;

namespace CnnPerf.Analysis;

/// <summary>The correlation of one metric with one performance target over the configurations that have both.</summary>
/// <param name="Target">Target metric id, for example <c>latency.mean_ms</c>.</param>
/// <param name="Metric">Explanatory metric id, for example <c>sw.task_clock_ms</c>.</param>
/// <param name="Pearson">Pearson's r, p-value and 95% confidence interval.</param>
/// <param name="Spearman">Spearman's rho and p-value.</param>
public sealed record MetricCorrelation(string Target, string Metric, PearsonCorrelation Pearson, SpearmanCorrelation Spearman)
{
    /// <summary>Number of configurations with both values.</summary>
    public int N => Pearson.N;
}
