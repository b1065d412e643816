using System.Text.Json;
using CnnPerf.Statistics;

namespace CnnPerf.Core.Tests.Statistics;

public sealed class LinearRegressionTests
{
    [Test]
    public void OrdinaryLeastSquaresEqualsNumpyLstsq()
    {
        var (rows, y, expected) = Reference();
        AssertFit(LinearRegression.OrdinaryLeastSquares(rows, y), expected.GetProperty("ols"), "ols");
    }

    [Test]
    public void RidgeEqualsTheClosedFormOnStandardizedFeatures()
    {
        var (rows, y, expected) = Reference();
        var ridge = expected.GetProperty("ridge");
        var fit = LinearRegression.Ridge(rows, y, ridge.GetProperty("lambda").GetDouble());
        AssertFit(fit, ridge, "ridge");
        Assert.That(fit.RSquared, Is.LessThan(LinearRegression.OrdinaryLeastSquares(rows, y).RSquared), "the penalty costs training fit");
    }

    [Test]
    public void ExactLinearDataIsRecoveredAndPredicted()
    {
        double[][] rows = [[1, 10], [2, 7], [3, 12], [4, 3], [5, 8]];
        var y = rows.Select(r => 4 + 2 * r[0] - 0.5 * r[1]).ToArray();
        var fit = LinearRegression.OrdinaryLeastSquares(rows, y);
        Assert.That(fit.Intercept, Is.EqualTo(4).Within(1e-12));
        Assert.That(fit.Coefficients, Is.EqualTo(new[] { 2.0, -0.5 }).Within(1e-12));
        Assert.That(fit.RSquared, Is.EqualTo(1).Within(1e-12));
        Assert.That(fit.Predict([10, 2]), Is.EqualTo(23).Within(1e-10));
    }

    [Test]
    public void RankDeficientOrTooSmallDesignsGiveNaN()
    {
        double[][] collinear = [[1, 2], [2, 4], [3, 6], [4, 8]];
        Assert.That(LinearRegression.OrdinaryLeastSquares(collinear, [1.0, 2, 3, 5]).Intercept, Is.NaN);
        Assert.That(LinearRegression.OrdinaryLeastSquares([[1.0, 2]], [1.0]).RSquared, Is.NaN);
        var ridge = LinearRegression.Ridge(collinear, [1.0, 2, 3, 5], 1.0);
        Assert.That(ridge.Coefficients[0], Is.EqualTo(ridge.Coefficients[1] * 2).Within(1e-9), "ridge splits collinear features by scale");
    }

    [Test]
    public void ShapeErrorsStateTheLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => LinearRegression.OrdinaryLeastSquares([[1.0], [2.0, 3.0]], [1.0, 2.0]));
        Assert.That(error!.Message, Does.Contain("row 1 has 2 values, row 0 has 1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearRegression.Ridge([[1.0]], [1.0], -1));
    }

    private static (double[][] Rows, double[] Y, JsonElement Expected) Reference()
    {
        var expected = ReferenceData.ReadJson("regression.json");
        var table = ReferenceData.Configurations();
        var features = expected.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var rows = Enumerable.Range(0, table.RowCount).Select(i => features.Select(f => table.Column(f)[i]).ToArray()).ToArray();
        return (rows, table.Column(expected.GetProperty("target").GetString()!).ToArray(), expected);
    }

    private static void AssertFit(RegressionFit fit, JsonElement expected, string what)
    {
        ReferenceData.AssertClose(fit.Intercept, expected.GetProperty("intercept").GetDouble(), what + " intercept");
        var coefficients = expected.GetProperty("coefficients").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var standardized = expected.GetProperty("standardized").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var j = 0; j < coefficients.Length; j++)
        {
            ReferenceData.AssertClose(fit.Coefficients[j], coefficients[j], $"{what} b{j}");
            ReferenceData.AssertClose(fit.StandardizedCoefficients[j], standardized[j], $"{what} standardized b{j}");
        }

        ReferenceData.AssertClose(fit.RSquared, expected.GetProperty("r_squared").GetDouble(), what + " R^2");
        ReferenceData.AssertClose(fit.AdjustedRSquared, expected.GetProperty("adjusted_r_squared").GetDouble(), what + " adjusted R^2");
    }
}
