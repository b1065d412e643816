namespace CnnPerf.Statistics;

/// <summary>How far predictions are from measurements.</summary>
/// <param name="N">Number of (measured, predicted) pairs.</param>
/// <param name="MeanAbsolutePercentageError">MAPE in percent: mean of <c>|predicted - measured| / |measured| * 100</c>.</param>
/// <param name="RootMeanSquaredError">RMSE in the units of the target.</param>
/// <param name="WithinTenPercent">Share (0..1) of predictions within +/-10% of the measured value.</param>
public sealed record PredictionErrors(int N, double MeanAbsolutePercentageError, double RootMeanSquaredError, double WithinTenPercent)
{
    /// <summary>
    /// Errors of paired predictions. Pairs with a NaN on either side are ignored; a zero measured value makes
    /// MAPE undefined (NaN). All values are NaN when no pair remains.
    /// </summary>
    /// <param name="measured">Measured values.</param>
    /// <param name="predicted">Predicted values, the same length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static PredictionErrors Compute(IReadOnlyList<double> measured, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(predicted);
        if (measured.Count != predicted.Count)
        {
            throw new ArgumentException(
                $"There are {measured.Count} measured values but {predicted.Count} predictions.", nameof(predicted));
        }

        int n = 0, within = 0;
        double sumRelative = 0, sumSquared = 0;
        for (var i = 0; i < measured.Count; i++)
        {
            if (double.IsNaN(measured[i]) || double.IsNaN(predicted[i]))
            {
                continue;
            }

            var error = predicted[i] - measured[i];
            var relative = measured[i] != 0 ? Math.Abs(error) / Math.Abs(measured[i]) : double.NaN;
            n++;
            sumRelative += relative;
            sumSquared += error * error;
            within += relative <= 0.10 ? 1 : 0;
        }

        return n == 0
            ? new PredictionErrors(0, double.NaN, double.NaN, double.NaN)
            : new PredictionErrors(n, 100 * sumRelative / n, Math.Sqrt(sumSquared / n), (double)within / n);
    }
}
