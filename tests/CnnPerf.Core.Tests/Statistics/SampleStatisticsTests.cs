using CnnPerf.Statistics;

namespace CnnPerf.Core.Tests.Statistics;

public sealed class SampleStatisticsTests
{
    [Test]
    public void MeanStandardDeviationAndPercentilesEqualNumpy()
    {
        var sample = ReferenceData.LatencySample();
        var expected = ReferenceData.ReadJson("descriptive.json");
        ReferenceData.AssertClose(SampleStatistics.Mean(sample), expected.GetProperty("mean").GetDouble(), "mean");
        ReferenceData.AssertClose(SampleStatistics.StandardDeviation(sample), expected.GetProperty("std_dev").GetDouble(), "std dev");
        foreach (var percentile in expected.GetProperty("percentiles").EnumerateObject())
        {
            var percent = ReferenceData.Parse(percentile.Name);
            ReferenceData.AssertClose(SampleStatistics.Percentile(sample, percent), percentile.Value.GetDouble(), $"p{percentile.Name}");
        }
    }

    [Test]
    public void MedianConfidenceIntervalIsTheBinomialOrderStatisticPair()
    {
        var sample = ReferenceData.LatencySample();
        var expected = ReferenceData.ReadJson("descriptive.json").GetProperty("median_ci_95").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var interval = SampleStatistics.MedianConfidenceInterval(sample);
        Assert.That(new[] { interval.Low, interval.High }, Is.EqualTo(expected));
        Assert.That(interval.Level, Is.EqualTo(0.95));
    }

    [Test]
    public void MedianConfidenceIntervalNeedsSixValuesAt95Percent()
    {
        Assert.That(SampleStatistics.MedianConfidenceInterval([1.0, 2, 3, 4, 5]).IsDefined, Is.False);
        var six = SampleStatistics.MedianConfidenceInterval([6.0, 1, 5, 2, 4, 3]);
        Assert.That((six.Low, six.High), Is.EqualTo((1.0, 6.0)), "P(X=0)*2 = 1/32 <= 0.05: the extremes");
    }

    [Test]
    public void TooFewValuesGiveNaN()
    {
        Assert.That(SampleStatistics.Mean([]), Is.NaN);
        Assert.That(SampleStatistics.StandardDeviation([4.0]), Is.NaN);
        Assert.That(SampleStatistics.Percentile([], 50), Is.NaN);
        Assert.That(SampleStatistics.Percentile([7.0], 99), Is.EqualTo(7.0));
    }

    [Test]
    public void PercentileOutsideZeroToHundredIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleStatistics.Percentile([1.0], 101));
    }
}
