using CnnPerf.Verification;

namespace CnnPerf.Core.Tests.Verification;

public sealed class OutputComparisonTests
{
    [Test]
    public void Compare_IsRelativeToTheLargestReferenceMagnitude()
    {
        var comparison = OutputComparison.Compare([1f, -4f, 2f], [1.5f, -4f, 1.9f]);

        Assert.That(comparison.MaxAbsDiff, Is.EqualTo(0.5).Within(1e-7));
        Assert.That(comparison.MaxRelDiff, Is.EqualTo(0.125).Within(1e-7));
        Assert.That(comparison.IsWithin(0.125 + 1e-6), Is.True);
        Assert.That(comparison.IsWithin(0.1), Is.False);
    }

    [Test]
    public void Compare_DegenerateInputs_GiveNaN()
    {
        Assert.That(OutputComparison.Compare([], []).MaxRelDiff, Is.NaN);
        Assert.That(OutputComparison.Compare([0f, 0f], [0f, 0f]).MaxRelDiff, Is.NaN);
        var withNaN = OutputComparison.Compare([1f, 2f], [1f, float.NaN]);
        Assert.That(withNaN.MaxAbsDiff, Is.NaN);
        Assert.That(withNaN.IsWithin(1), Is.False);
    }

    [Test]
    public void Compare_DifferentLengths_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => OutputComparison.Compare([1f, 2f], [1f]));

        Assert.That(e!.Message, Does.Contain("reference 2, candidate 1"));
    }

    [Test]
    public void Max_KeepsTheLargerDifferences()
    {
        var merged = new OutputComparison(0.5, 0.01).Max(new OutputComparison(0.2, 0.03));

        Assert.That(merged, Is.EqualTo(new OutputComparison(0.5, 0.03)));
        Assert.That(merged.Max(new OutputComparison(double.NaN, double.NaN)).MaxRelDiff, Is.NaN);
    }
}
