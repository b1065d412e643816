using CnnPerf.Modeling;

namespace CnnPerf.Core.Tests.Modeling;

public sealed class ForwardSelectionTests
{
    [Test]
    public void SelectsTheInformativeMetricsFirstAndStopsWhenErrorStopsFalling()
    {
        var table = GroupCrossValidationTests.SyntheticTable(noise: 0.002);
        var result = ForwardSelection.Select(
            table, "latency.mean_ms", ["sw.page_faults", "sim.d1_misses", "sim.instructions"], CrossValidationScheme.LeaveOneNetworkOut, maxFeatures: 3);
        Assert.That(result, Is.Not.Null);
        Assert.That(result!.Selected.Take(2), Is.EquivalentTo(new[] { "sim.instructions", "sim.d1_misses" }));
        Assert.That(result.Steps.Select(s => s.Errors.RootMeanSquaredError), Is.Ordered.Descending);
        Assert.That(result.CrossValidation.Errors.MeanAbsolutePercentageError, Is.LessThan(1));
        Assert.That(result.Fit.Coefficients, Has.Count.EqualTo(result.Selected.Count));
        Assert.That(result.Fit.RSquared, Is.GreaterThan(0.99));
    }

    [Test]
    public void NoUsableCandidateGivesNull()
    {
        var table = GroupCrossValidationTests.SyntheticTable(noise: 0);
        Assert.That(ForwardSelection.Select(table, "latency.mean_ms", ["hw.cycles"], CrossValidationScheme.KFold(4)), Is.Null);
    }
}
