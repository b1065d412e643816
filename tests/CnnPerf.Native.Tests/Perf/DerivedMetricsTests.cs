using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Tests.Perf;

public class DerivedMetricsTests
{
    [Test]
    public void ComputesRatiosAndNaNForZeroDenominators()
    {
        Assert.That(DerivedMetrics.Ipc(3e9, 2e9), Is.EqualTo(1.5));
        Assert.That(DerivedMetrics.MissRatio(5, 100), Is.EqualTo(0.05));
        Assert.That(DerivedMetrics.PerKiloInstructions(20, 10_000), Is.EqualTo(2.0));
        Assert.That(DerivedMetrics.Ipc(1, 0), Is.NaN);
        Assert.That(DerivedMetrics.PerKiloInstructions(double.NaN, 1), Is.NaN);
    }
}
