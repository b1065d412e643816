using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

public class WarmupPolicyTests
{
    [Test]
    public void Fixed_count_stops_exactly_at_the_count()
    {
        var policy = WarmupPolicy.Fixed(3);
        Assert.That(policy.IsDone([5, 5], TimeSpan.Zero), Is.False);
        Assert.That(policy.IsDone([5, 5, 5], TimeSpan.Zero), Is.True);
        Assert.That(WarmupPolicy.Fixed(0).IsDone([], TimeSpan.Zero), Is.True);
    }

    [Test]
    public void Until_stable_waits_for_two_windows_with_close_medians()
    {
        var policy = WarmupPolicy.UntilStable(tolerance: 0.05, maxIterations: 50);
        Assert.That(policy.IsDone([30, 20, 15, 12, 11, 10], TimeSpan.Zero), Is.False, "medians 20 and 11 differ");
        Assert.That(policy.IsDone([30, 20, 15, 10, 10.2, 9.9, 10.1, 10, 10.3], TimeSpan.Zero), Is.True, "medians 10 and 10.1 agree");
    }

    [Test]
    public void Until_stable_gives_up_at_the_maximum_or_the_time_cap()
    {
        var policy = WarmupPolicy.UntilStable(tolerance: 0.01, maxIterations: 8, timeCap: TimeSpan.FromSeconds(1));
        double[] unstable = [1, 10, 1, 10, 1, 10, 1];
        Assert.That(policy.IsDone(unstable, TimeSpan.Zero), Is.False);
        Assert.That(policy.IsDone([.. unstable, 10], TimeSpan.Zero), Is.True);
        Assert.That(policy.IsDone([1], TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public void Invalid_values_are_reported()
    {
        Assert.That(new WarmupPolicy(5, 2, 0, TimeSpan.FromSeconds(1)).Validate(), Has.Count.EqualTo(1));
        Assert.That(new WarmupPolicy(0, 3, 0.05, TimeSpan.FromSeconds(1)).Validate(), Has.Count.EqualTo(1));
        Assert.That(WarmupPolicy.UntilStable().Validate(), Is.Empty);
    }
}
