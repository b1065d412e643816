namespace CnnPerf.Statistics;

/// <summary>A fitted linear model <c>y = Intercept + sum(Coefficients[j] * x[j])</c> with its goodness of fit.</summary>
/// <param name="N">Number of observations used.</param>
/// <param name="Intercept">Intercept in the units of the target (never penalized).</param>
/// <param name="Coefficients">Coefficient of each feature, in target units per feature unit.</param>
/// <param name="StandardizedCoefficients">
/// Coefficients in standard-deviation units (<c>b[j] * sd(x[j]) / sd(y)</c>, sample standard deviations): comparable
/// across features measured in different units.
/// </param>
/// <param name="RSquared">Coefficient of determination on the training data.</param>
/// <param name="AdjustedRSquared">R^2 adjusted for the number of features: <c>1 - (1 - R^2)(n - 1)/(n - p - 1)</c>; NaN when n &lt;= p + 1.</param>
/// <param name="Lambda">Ridge penalty on the standardized coefficients (0 for ordinary least squares).</param>
public sealed record RegressionFit(
    int N,
    double Intercept,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> StandardizedCoefficients,
    double RSquared,
    double AdjustedRSquared,
    double Lambda)
{
    /// <summary>Predicted target for one observation.</summary>
    /// <param name="features">Feature values, one per coefficient.</param>
    /// <exception cref="ArgumentException">The number of features differs from the number of coefficients.</exception>
    public double Predict(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != Coefficients.Count)
        {
            throw new ArgumentException(
                $"The model has {Coefficients.Count} coefficients but {features.Count} feature values were given.", nameof(features));
        }

        var value = Intercept;
        for (var j = 0; j < features.Count; j++)
        {
            value += Coefficients[j] * features[j];
        }

        return value;
    }
}
