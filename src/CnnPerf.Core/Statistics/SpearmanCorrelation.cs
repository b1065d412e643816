namespace CnnPerf.Statistics;

/// <summary>Spearman's rank correlation of two paired samples (average ranks for ties).</summary>
/// <param name="N">Number of pairs.</param>
/// <param name="Rho">Rank correlation rho in [-1, 1]; NaN when undefined (fewer than 3 pairs or constant ranks).</param>
/// <param name="PValue">Two-sided p-value of rho = 0 (Student's t approximation, n - 2 degrees of freedom); NaN when undefined.</param>
public sealed record SpearmanCorrelation(int N, double Rho, double PValue);
