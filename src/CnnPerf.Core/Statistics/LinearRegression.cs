using MathNet.Numerics.LinearAlgebra;

namespace CnnPerf.Statistics;

/// <summary>
/// Multiple linear regression with an intercept: ordinary least squares and ridge. Features are centred and scaled
/// to unit sample standard deviation before solving (the intercept is never penalized) and the coefficients are
/// returned in the original units. Degenerate input (too few observations, a rank-deficient design, a constant
/// target) gives a fit whose values are NaN, never an exception.
/// </summary>
public static class LinearRegression
{
    /// <summary>Ordinary least squares (QR decomposition of the standardized design).</summary>
    /// <param name="rows">One array of feature values per observation; every row has the same length p.</param>
    /// <param name="y">Target value per observation.</param>
    /// <exception cref="ArgumentException">Row count and target length differ, or rows differ in length.</exception>
    public static RegressionFit OrdinaryLeastSquares(IReadOnlyList<double[]> rows, IReadOnlyList<double> y)
        => Fit(rows, y, 0);

    /// <summary>
    /// Ridge regression: minimizes <c>|y - b0 - Z b|^2 + lambda |b|^2</c> where Z holds the standardized features
    /// (closed form <c>(Z'Z + lambda I)^-1 Z'(y - mean(y))</c>). Constant features get a zero coefficient.
    /// </summary>
    /// <param name="rows">One array of feature values per observation; every row has the same length p.</param>
    /// <param name="y">Target value per observation.</param>
    /// <param name="lambda">Penalty, at least 0 (0 is ordinary least squares).</param>
    /// <exception cref="ArgumentException">Row count and target length differ, or rows differ in length.</exception>
    public static RegressionFit Ridge(IReadOnlyList<double[]> rows, IReadOnlyList<double> y, double lambda)
    {
        if (!(lambda >= 0) || double.IsInfinity(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The ridge penalty must be a finite number >= 0.");
        }

        return Fit(rows, y, lambda);
    }

    private static RegressionFit Fit(IReadOnlyList<double[]> rows, IReadOnlyList<double> y, double lambda)
    {
        var p = CheckShape(rows, y);
        var n = rows.Count;
        var minimumObservations = lambda == 0 ? Math.Max(p + 1, 2) : 2;
        if (n < minimumObservations)
        {
            return Undefined(n, p, lambda);
        }

        var meanY = SampleStatistics.Mean(y);
        var sdY = SampleStatistics.StandardDeviation(y);
        var means = new double[p];
        var sds = new double[p];
        var z = Matrix<double>.Build.Dense(n, p);
        for (var j = 0; j < p; j++)
        {
            var column = rows.Select(row => row[j]).ToArray();
            means[j] = SampleStatistics.Mean(column);
            sds[j] = SampleStatistics.StandardDeviation(column);
            for (var i = 0; i < n; i++)
            {
                z[i, j] = sds[j] > 0 ? (column[i] - means[j]) / sds[j] : 0;
            }
        }

        var centredY = Vector<double>.Build.Dense(n, i => y[i] - meanY);
        var beta = Solve(z, centredY, lambda, sds);
        if (beta is null)
        {
            return Undefined(n, p, lambda);
        }

        var coefficients = new double[p];
        var standardized = new double[p];
        var intercept = meanY;
        for (var j = 0; j < p; j++)
        {
            coefficients[j] = sds[j] > 0 ? beta[j] / sds[j] : 0;
            standardized[j] = sdY > 0 ? beta[j] / sdY : double.NaN;
            intercept -= coefficients[j] * means[j];
        }

        var residuals = centredY - z * beta;
        var totalSumOfSquares = centredY.DotProduct(centredY);
        var rSquared = totalSumOfSquares > 0 ? 1 - residuals.DotProduct(residuals) / totalSumOfSquares : double.NaN;
        var adjusted = n - p - 1 > 0 ? 1 - (1 - rSquared) * (n - 1) / (n - p - 1) : double.NaN;
        return new RegressionFit(n, intercept, coefficients, standardized, rSquared, adjusted, lambda);
    }

    private static Vector<double>? Solve(Matrix<double> z, Vector<double> centredY, double lambda, double[] sds)
    {
        var p = z.ColumnCount;
        if (p == 0)
        {
            return Vector<double>.Build.Dense(0);
        }

        if (lambda == 0)
        {
            if (sds.Any(sd => !(sd > 0)))
            {
                return null;
            }

            var qr = z.QR();
            return qr.IsFullRank ? qr.Solve(centredY) : null;
        }

        var gram = z.TransposeThisAndMultiply(z) + Matrix<double>.Build.DenseIdentity(p) * lambda;
        return gram.Cholesky().Solve(z.TransposeThisAndMultiply(centredY));
    }

    private static RegressionFit Undefined(int n, int p, double lambda)
    {
        var nan = Enumerable.Repeat(double.NaN, p).ToArray();
        return new RegressionFit(n, double.NaN, nan, nan, double.NaN, double.NaN, lambda);
    }

    private static int CheckShape(IReadOnlyList<double[]> rows, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(y);
        if (rows.Count != y.Count)
        {
            throw new ArgumentException($"There are {rows.Count} feature rows but {y.Count} target values.", nameof(y));
        }

        var p = rows.Count == 0 ? 0 : rows[0].Length;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != p)
            {
                throw new ArgumentException($"Feature row {i} has {rows[i].Length} values, row 0 has {p}.", nameof(rows));
            }
        }

        return p;
    }
}
