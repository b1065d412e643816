using CnnPerf.Statistics;

namespace CnnPerf.Core.Tests.Statistics;

public sealed class PredictionErrorsTests
{
    [Test]
    public void MapeRmseAndShareWithinTenPercent()
    {
        var errors = PredictionErrors.Compute([10.0, 20, 40, 50], [11.0, 25, 40, 45]);
        Assert.That(errors.N, Is.EqualTo(4));
        Assert.That(errors.MeanAbsolutePercentageError, Is.EqualTo((10 + 25 + 0 + 10) / 4.0).Within(1e-12));
        Assert.That(errors.RootMeanSquaredError, Is.EqualTo(Math.Sqrt((1 + 25 + 0 + 25) / 4.0)).Within(1e-12));
        Assert.That(errors.WithinTenPercent, Is.EqualTo(0.75), "10% exactly counts as within");
    }

    [Test]
    public void NaNPairsAreIgnoredAndNothingLeftGivesNaN()
    {
        Assert.That(PredictionErrors.Compute([10.0, double.NaN], [10.0, 3]).N, Is.EqualTo(1));
        Assert.That(PredictionErrors.Compute([double.NaN], [1.0]).MeanAbsolutePercentageError, Is.NaN);
        Assert.Throws<ArgumentException>(() => PredictionErrors.Compute([1.0], []));
    }
}
