namespace CnnPerf.Statistics;

/// <summary>Pearson's product-moment correlation of two paired samples.</summary>
/// <param name="N">Number of pairs.</param>
/// <param name="R">Correlation coefficient r in [-1, 1]; NaN when undefined (fewer than 3 pairs or a constant sample).</param>
/// <param name="PValue">Two-sided p-value of r = 0 (Student's t with n - 2 degrees of freedom); NaN when undefined.</param>
/// <param name="Interval">Confidence interval of r by Fisher's z transformation; undefined for fewer than 4 pairs.</param>
public sealed record PearsonCorrelation(int N, double R, double PValue, ConfidenceInterval Interval);
