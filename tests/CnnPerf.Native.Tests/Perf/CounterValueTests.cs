using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Tests.Perf;

public class CounterValueTests
{
    [Test]
    public void Scaled_equals_raw_when_never_multiplexed()
    {
        var value = new CounterValue(Raw: 12345, TimeEnabled: 1000, TimeRunning: 1000);
        Assert.That(value.Scaled, Is.EqualTo(12345));
        Assert.That(value.RunningShare, Is.EqualTo(1.0));
    }

    [Test]
    public void Scaled_extrapolates_to_enabled_time_when_multiplexed()
    {
        var value = new CounterValue(Raw: 1000, TimeEnabled: 400, TimeRunning: 100);
        Assert.That(value.Scaled, Is.EqualTo(4000));
        Assert.That(value.RunningShare, Is.EqualTo(0.25));
    }

    [Test]
    public void Scaled_does_not_overflow_with_large_counts_and_times()
    {
        // Raw * TimeEnabled exceeds 2^64 here; the scaling must still be exact.
        var value = new CounterValue(Raw: ulong.MaxValue / 2, TimeEnabled: 1_000_000_000_000, TimeRunning: 500_000_000_000);
        Assert.That(value.Scaled, Is.EqualTo((double)(ulong.MaxValue / 2) * 2).Within(1e-12).Percent);
    }

    [Test]
    public void A_counter_that_never_ran_is_not_counted_and_has_no_scaled_value()
    {
        // Enabled for 500 ns but never scheduled on the PMU, or never enabled at all: no count, not a count of 0.
        foreach (var value in new[] { new CounterValue(0, 500, 0), new CounterValue(0, 0, 0) })
        {
            Assert.That(value.IsCounted, Is.False, value.ToString());
            Assert.That(value.Scaled, Is.NaN, value.ToString());
        }
        Assert.That(new CounterValue(0, 500, 1).IsCounted, Is.True, "a counter that ran and counted nothing counted 0");
        Assert.That(new CounterValue(0, 500, 1).Scaled, Is.Zero);
    }

    [Test]
    public void Since_subtracts_count_and_times()
    {
        var delta = new CounterValue(150, 3000, 2000).Since(new CounterValue(100, 1000, 1000));
        Assert.That(delta, Is.EqualTo(new CounterValue(50, 2000, 1000)));
    }
}
