using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

public class PowerIntegrationTests
{
    private static PowerSample[] Trace(Func<double, double> watts, params double[] times) => times.Select(t => new PowerSample(t, watts(t))).ToArray();

    [Test]
    public void Constant_power_on_irregular_samples()
    {
        var samples = Trace(_ => 2.5, 0, 0.3, 1.7, 4, 4.01, 9, 10);
        Assert.That(PowerIntegration.Energy(samples, 0, 10), Is.EqualTo(25).Within(1e-12));
        Assert.That(PowerIntegration.Energy(samples, 1.1, 4.005), Is.EqualTo(2.5 * 2.905).Within(1e-12));
        Assert.That(PowerIntegration.MeanPower(samples, 0.2, 9.5), Is.EqualTo(2.5).Within(1e-12));
    }

    [Test]
    public void Linear_ramp_is_integrated_exactly_including_interpolated_boundaries()
    {
        // P(t) = 1 + 2t: integral from a to b is (b - a) + (b^2 - a^2).
        var samples = Trace(t => 1 + 2 * t, 0, 1, 2.5, 3, 6, 10);
        const double a = 0.5, b = 7.25;
        Assert.That(PowerIntegration.Energy(samples, a, b), Is.EqualTo(b - a + (b * b - a * a)).Within(1e-9));
        Assert.That(PowerIntegration.PeakPower(samples, a, b), Is.EqualTo(1 + 2 * b).Within(1e-12));
        Assert.That(PowerIntegration.MinPower(samples, a, b), Is.EqualTo(1 + 2 * a).Within(1e-12));
        Assert.That(PowerIntegration.MeanPower(samples, a, b), Is.EqualTo(1 + (a + b)).Within(1e-9));
    }

    [Test]
    public void Step_recorded_as_two_samples_at_the_same_instant()
    {
        PowerSample[] samples = [new(0, 1), new(5, 1), new(5, 3), new(10, 3)];
        Assert.That(PowerIntegration.Energy(samples, 2, 8), Is.EqualTo(3 * 1 + 3 * 3).Within(1e-12));
        Assert.That(PowerIntegration.Energy(samples, 0, 10), Is.EqualTo(20).Within(1e-12));
        Assert.That(PowerIntegration.PeakPower(samples, 0, 4), Is.EqualTo(1));
        Assert.That(PowerIntegration.PeakPower(samples, 0, 10), Is.EqualTo(3));
    }

    [Test]
    public void Energy_counter_samples_use_the_counter_difference()
    {
        // A 4 W load read by an energy counter whose per-interval watts are noisy: energy comes from the counter.
        var samples = new[] { 0.0, 0.9, 2.1, 3.0, 4.2 }.Select((t, i) => new PowerSample(t, 4 + (i % 2 == 0 ? 0.7 : -0.7), 4 * t)).ToArray();
        Assert.That(PowerIntegration.Energy(samples, 0.5, 3.5), Is.EqualTo(12).Within(1e-12));
    }

    [Test]
    public void Degenerate_input_gives_nan()
    {
        var samples = Trace(_ => 1, 1, 2, 3);
        Assert.That(PowerIntegration.Energy(samples, 0, 2), Is.NaN, "starts before the first sample");
        Assert.That(PowerIntegration.Energy(samples, 2, 4), Is.NaN, "ends after the last sample");
        Assert.That(PowerIntegration.Energy(samples, 2, 2), Is.NaN, "empty interval");
        Assert.That(PowerIntegration.Energy(samples[..1], 1, 1), Is.NaN, "one sample");
        Assert.That(PowerIntegration.MeanPower([], 0, 1), Is.NaN);
        Assert.That(PowerIntegration.PeakPower(samples, 5, 6), Is.NaN, "no overlap");
    }

    [Test]
    public void Mean_over_a_partly_covered_interval_uses_the_covered_part()
    {
        var samples = Trace(t => t, 0, 4);
        Assert.That(PowerIntegration.Covered(samples, 2, 10), Is.EqualTo((2.0, 4.0)));
        Assert.That(PowerIntegration.MeanPower(samples, 2, 10), Is.EqualTo(3).Within(1e-12));
        Assert.That(PowerIntegration.Covers(samples, 2, 10), Is.False);
    }

    [Test]
    public void Interpolation_outside_the_samples_is_refused()
    {
        var samples = Trace(t => t, 0, 4);
        Assert.That(() => PowerIntegration.Interpolate(samples, 5, s => s.Watts), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(PowerIntegration.Interpolate(samples, 1, s => s.Watts), Is.EqualTo(1).Within(1e-12));
    }
}
