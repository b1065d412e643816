using System.Diagnostics;
using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

public class PowerSamplerTests
{
    private static readonly PowerSamplerOptions Fast = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2), 3);

    // A generous guard so a broken sampler fails the test instead of hanging it (not a timing assertion).
    private static void WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the sampler made no progress");
            Thread.Sleep(1);
        }
    }

    [Test]
    public void Samples_are_timestamped_in_order_inside_the_recording()
    {
        var meter = new FakePowerMeter(n => n);
        using var sampler = new PowerSampler(meter, Fast);
        sampler.Start();
        WaitUntil(() => sampler.SampleCount >= 20);
        var capture = sampler.Stop();
        Assert.That(capture.Complete, Is.True);
        Assert.That(capture.Status, Is.EqualTo("power complete"));
        Assert.That(capture.Samples.Select(s => s.Seconds), Is.Ordered);
        Assert.That(capture.Samples[0].Seconds, Is.GreaterThanOrEqualTo(capture.Start));
        Assert.That(capture.Samples[^1].Seconds, Is.LessThanOrEqualTo(capture.End));
        Assert.That(capture.Samples.Select(s => s.Watts), Is.EqualTo(Enumerable.Range(1, capture.Samples.Count).Select(n => (double)n)));
    }

    [Test]
    public void Meter_unplugged_mid_run_keeps_samples_and_the_workload_goes_on()
    {
        var meter = new FakePowerMeter(_ => 3.0);
        using var sampler = new PowerSampler(meter, Fast);
        var phaseStart = MonotonicClock.Now;
        sampler.Start();
        var workloadIterations = 0;
        var workload = new Thread(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                Thread.SpinWait(10_000);
                if (i == 50)
                {
                    WaitUntil(() => sampler.SampleCount >= 10);
                    meter.Unplug();
                }
                workloadIterations++;
            }
        });
        workload.Start();
        workload.Join();
        WaitUntil(() => meter.Reads >= meter.GoodReads + 3);
        var phaseEnd = MonotonicClock.Now;
        var capture = sampler.Stop();

        Assert.That(workloadIterations, Is.EqualTo(200));
        Assert.That(capture.Samples, Has.Count.EqualTo(meter.GoodReads));
        Assert.That(capture.Samples, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(capture.FailedReads, Is.EqualTo(3));
        Assert.That(capture.Status, Does.StartWith("power incomplete: fake failed at +").And.EndWith("(3 reads in a row): device disconnected"));

        var summary = PowerMetrics.Compute(capture, new PowerPhase(phaseStart, phaseEnd), 200);
        Assert.That(summary.Complete, Is.False);
        Assert.That(summary.Status, Does.StartWith("power incomplete"));
        Assert.That(summary.Find("power.mean_w"), Is.EqualTo(3).Within(1e-12));
        Assert.That(summary.Find("energy.per_inference_mj"), Is.Null);
    }

    [Test]
    public void An_isolated_failed_read_leaves_the_capture_complete()
    {
        var meter = new FakePowerMeter(_ => 1.0) { FailNext = 1 };
        using var sampler = new PowerSampler(meter, Fast);
        sampler.Start();
        WaitUntil(() => sampler.SampleCount >= 5);
        var capture = sampler.Stop();
        Assert.That(capture.Complete, Is.True);
        Assert.That(capture.FailedReads, Is.EqualTo(1));
    }

    [Test]
    public void A_stalled_meter_does_not_hold_up_stop()
    {
        var meter = new FakePowerMeter(_ => 1.0);
        using var sampler = new PowerSampler(meter, Fast with { StallTimeout = TimeSpan.FromMilliseconds(200) });
        sampler.Start();
        WaitUntil(() => sampler.SampleCount >= 3);
        meter.Hang();
        WaitUntil(() => meter.Blocked);
        var kept = sampler.SampleCount;
        var capture = sampler.Stop();
        meter.Release();
        Assert.That(capture.Complete, Is.False);
        Assert.That(capture.Status, Does.Contain("stalled"));
        Assert.That(capture.Samples, Has.Count.GreaterThanOrEqualTo(kept));
    }

    [Test]
    public void Interval_is_at_least_the_meters_minimum_and_the_sampler_owns_the_meter()
    {
        var meter = new FakePowerMeter(_ => 1.0);
        var sampler = new PowerSampler(meter, Fast with { Interval = TimeSpan.Zero });
        Assert.That(sampler.Interval, Is.EqualTo(meter.MinimumInterval));
        Assert.That(new PowerSampler(new FakePowerMeter(_ => 1.0)).Interval, Is.EqualTo(meter.MinimumInterval), "by default the meter's own rate");
        Assert.That(new PowerSampler(new FakePowerMeter(_ => 1.0), Fast with { Interval = TimeSpan.FromSeconds(1) }).Interval, Is.EqualTo(TimeSpan.FromSeconds(1)));
        sampler.Dispose();
        Assert.That(meter.Disposed, Is.True);
        Assert.That(sampler.Stop().Samples, Is.Empty);
    }

    [Test]
    public void Starting_twice_is_refused()
    {
        using var sampler = new PowerSampler(new FakePowerMeter(_ => 1.0), Fast);
        sampler.Start();
        Assert.That(() => sampler.Start(), Throws.InvalidOperationException);
    }
}
