using CnnPerf.Native.Power.I2c;
using CnnPerf.Native.Tests.Power.I2c;
using CnnPerf.Power;
using CnnPerf.Power.Meters;

namespace CnnPerf.Core.Tests.Power.Meters;

public class Ina219MeterTests
{
    private static Ina219Meter Open(FakeIna219Device device) =>
        new(new Ina219(device, new Ina219Configuration(BusAdc: Ina219AdcSetting.Bits9, ShuntAdc: Ina219AdcSetting.Bits9), new Ina219Calibration(0.1, 3.2)));

    [Test]
    public void Reads_power_voltage_and_current()
    {
        var device = new FakeIna219Device { ShuntVolts = 0.05, BusVolts = 5.0 };
        using var meter = Open(device);
        Assert.That(meter.TryRead(out var reading, out var failure), Is.True, failure);
        Assert.That(reading.Watts, Is.EqualTo(2.5).Within(0.002));
        Assert.That(reading.Volts, Is.EqualTo(5.0).Within(1e-9));
        Assert.That(reading.Amps, Is.EqualTo(0.5).Within(1e-3));
    }

    [Test]
    public void Overflow_is_a_failed_read_that_names_the_calibrated_range()
    {
        var device = new FakeIna219Device { ShuntVolts = 0.5, BusVolts = 5.0 };
        using var meter = Open(device);
        Assert.That(meter.TryRead(out _, out var failure), Is.False);
        Assert.That(failure, Does.Contain("overflow").And.Contain("max-current=3.2 A"));
    }

    [Test]
    public void Unplugged_mid_run_keeps_the_samples_and_marks_the_capture_incomplete()
    {
        var device = new FakeIna219Device { ShuntVolts = 0.02, BusVolts = 5.0 };
        using var sampler = new PowerSampler(Open(device), PowerSamplerOptions.Default with { StallTimeout = TimeSpan.FromSeconds(5) });
        Assert.That(sampler.Interval, Is.EqualTo(TimeSpan.FromMicroseconds(84 + 84)), "one sample per 9-bit shunt + bus conversion");
        sampler.Start();
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (sampler.SampleCount < 10)
        {
            Assert.That(guard.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "no samples");
            Thread.Sleep(1);
        }
        device.Unplugged = true;
        while (sampler.Failure is null)
        {
            Assert.That(guard.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the sampler never noticed");
            Thread.Sleep(1);
        }
        var capture = sampler.Stop();
        Assert.That(capture.Samples, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(capture.Samples.Select(s => s.Watts), Is.All.EqualTo(1.0).Within(0.002));
        Assert.That(capture.Status, Does.StartWith("power incomplete: ina219").And.Contain("Remote I/O error"));
    }
}
