using CnnPerf.Statistics;

namespace CnnPerf.Core.Tests.Statistics;

public sealed class CorrelationTests
{
    [Test]
    public void PearsonAndSpearmanEqualScipyOnTheReferenceTable()
    {
        var table = ReferenceData.Configurations();
        var expectedRows = ReferenceData.ReadCsv("correlations.csv");
        Assert.That(expectedRows, Has.Count.EqualTo(55));
        foreach (var expected in expectedRows)
        {
            var what = $"{expected["metric"]} vs {expected["target"]}";
            var x = table.Column(expected["metric"]);
            var y = table.Column(expected["target"]);
            var pearson = Correlation.Pearson(x, y);
            var spearman = Correlation.Spearman(x, y);
            ReferenceData.AssertClose(pearson.R, ReferenceData.Parse(expected["pearson_r"]), what + " r");
            ReferenceData.AssertClose(pearson.PValue, ReferenceData.Parse(expected["pearson_p"]), what + " p");
            ReferenceData.AssertClose(pearson.Interval.Low, ReferenceData.Parse(expected["ci_low"]), what + " ci low");
            ReferenceData.AssertClose(pearson.Interval.High, ReferenceData.Parse(expected["ci_high"]), what + " ci high");
            ReferenceData.AssertClose(spearman.Rho, ReferenceData.Parse(expected["spearman_rho"]), what + " rho");
            ReferenceData.AssertClose(spearman.PValue, ReferenceData.Parse(expected["spearman_p"]), what + " spearman p");
        }
    }

    [Test]
    public void AverageRanksShareTiesLikeScipyRankdata()
    {
        var ranks = Correlation.AverageRanks(ReferenceData.Configurations().Column("sw.page_faults"));
        var expected = ReferenceData.ReadJson("descriptive.json").GetProperty("page_fault_ranks").EnumerateArray().Select(e => e.GetDouble());
        Assert.That(ranks, Is.EqualTo(expected));
    }

    [Test]
    public void PerfectLinearRelationHasRUnitAndZeroPValue()
    {
        var result = Correlation.Pearson([1.0, 2, 3, 4, 5], [3.0, 5, 7, 9, 11]);
        Assert.That(result.R, Is.EqualTo(1.0));
        Assert.That(result.PValue, Is.EqualTo(0.0));
    }

    [Test]
    public void DegenerateInputGivesNaNNotAnException()
    {
        Assert.That(Correlation.Pearson([1.0, 2], [3.0, 4]).R, Is.NaN, "two pairs");
        Assert.That(Correlation.Pearson([1.0, 1, 1, 1], [3.0, 4, 5, 6]).R, Is.NaN, "constant x");
        Assert.That(Correlation.Spearman([2.0, 2, 2], [1.0, 2, 3]).Rho, Is.NaN, "constant ranks");
        var three = Correlation.Pearson([1.0, 2, 4], [1.0, 3, 2]);
        Assert.That(three.R, Is.Not.NaN);
        Assert.That(three.Interval.IsDefined, Is.False, "Fisher's interval needs n >= 4");
    }

    [Test]
    public void UnpairedSamplesThrowStatingBothLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => Correlation.Pearson([1.0, 2, 3], [1.0, 2]));
        Assert.That(error!.Message, Does.Contain("x has 3 values, y has 2"));
    }
}
