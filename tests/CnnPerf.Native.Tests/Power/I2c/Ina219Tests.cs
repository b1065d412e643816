using CnnPerf.Native.Power.I2c;

namespace CnnPerf.Native.Tests.Power.I2c;

public class Ina219Tests
{
    private static readonly Ina219Calibration Calibration = new(0.1, 3.2);

    [Test]
    public void Constructor_writes_configuration_fields_and_calibration_once()
    {
        var device = new FakeIna219Device();
        var config = new Ina219Configuration(Ina219BusRange.Volts16, Ina219Gain.Div4, Ina219AdcSetting.Samples2, Ina219AdcSetting.Samples8);
        using var ina = new Ina219(device, config, new Ina219Calibration(0.1, 1.6));
        Assert.That(device.ConfigurationRegister, Is.EqualTo(0b0_0_0_10_1001_1011_111));
        Assert.That(Ina219Configuration.FromRegister(device.ConfigurationRegister), Is.EqualTo(config));
        Assert.That(device.CalibrationRegister, Is.EqualTo(8388));
    }

    [Test]
    public void Positive_current_reads_shunt_current_bus_and_power()
    {
        var device = new FakeIna219Device { ShuntVolts = 0.050, BusVolts = 5.08 };
        using var ina = new Ina219(device, new Ina219Configuration(), Calibration);
        var reading = ina.Read();
        Assert.That(reading.ShuntVolts, Is.EqualTo(0.050).Within(1e-9));
        Assert.That(reading.BusVolts, Is.EqualTo(5.08).Within(1e-9));
        Assert.That(reading.Amps, Is.EqualTo(0.5).Within(Calibration.CurrentLsbAmps));
        Assert.That(reading.Watts, Is.EqualTo(0.5 * 5.08).Within(Calibration.PowerLsbWatts));
        Assert.That(reading.Overflow, Is.False);
    }

    [Test]
    public void Negative_shunt_voltage_and_current_are_signed()
    {
        // -50 mV: a driver that reads the register as unsigned sees 0xEC78 = 604.4 mV.
        var device = new FakeIna219Device { ShuntVolts = -0.050, BusVolts = 12.0 };
        using var ina = new Ina219(device, new Ina219Configuration(), Calibration);
        var reading = ina.Read();
        Assert.That(reading.ShuntVolts, Is.EqualTo(-0.050).Within(1e-9));
        Assert.That(reading.Amps, Is.EqualTo(-0.5).Within(Calibration.CurrentLsbAmps));
        Assert.That(reading.Watts, Is.EqualTo(6.0).Within(Calibration.PowerLsbWatts), "the power register holds the magnitude");
    }

    [Test]
    public void Shunt_voltage_beyond_the_gain_range_sets_overflow()
    {
        var device = new FakeIna219Device { ShuntVolts = 0.060, BusVolts = 5 };
        using var ina = new Ina219(device, new Ina219Configuration(Gain: Ina219Gain.Div1), new Ina219Calibration(0.1, 0.4));
        Assert.That(ina.Read().Overflow, Is.True);
        device.ShuntVolts = 0.030;
        Assert.That(ina.Read().Overflow, Is.False);
    }

    [Test]
    public void Expected_current_beyond_the_gain_range_is_refused_before_any_write()
    {
        var device = new FakeIna219Device();
        Assert.That(() => new Ina219(device, new Ina219Configuration(Gain: Ina219Gain.Div1), Calibration),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("40 mV"));
        Assert.That(device.ConfigurationWrites, Is.Zero);
    }

    [Test]
    public void Continuous_sampling_waits_for_each_conversion_and_never_rewrites_calibration()
    {
        var device = new FakeIna219Device { ShuntVolts = 0.02, BusVolts = 5 };
        var config = new Ina219Configuration(BusAdc: Ina219AdcSetting.Bits9, ShuntAdc: Ina219AdcSetting.Bits9);
        using var ina = new Ina219(device, config, Calibration);
        for (var i = 0; i < 20; i++)
        {
            var reading = ina.ReadNext(TimeSpan.FromSeconds(5));
            Assert.That(reading.ConversionReady, Is.True);
        }
        Assert.That(device.StaleResultReads, Is.Zero, "every result read followed a completed conversion");
        Assert.That(device.CalibrationWrites, Is.EqualTo(1));
        Assert.That(device.ConfigurationWrites, Is.EqualTo(1));
        Assert.That(ina.ReadCalibrationRegister(), Is.EqualTo(Calibration.Register));
    }

    [Test]
    public void Triggered_mode_starts_one_conversion_per_read()
    {
        var device = new FakeIna219Device { ShuntVolts = 0.01, BusVolts = 3.3 };
        var config = new Ina219Configuration(BusAdc: Ina219AdcSetting.Bits9, ShuntAdc: Ina219AdcSetting.Bits9, Mode: Ina219Mode.ShuntAndBusTriggered);
        using var ina = new Ina219(device, config, Calibration);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(ina.ReadNext(TimeSpan.FromSeconds(5)).ConversionReady, Is.True);
        }
        Assert.That(device.ConfigurationWrites, Is.EqualTo(4));
        Assert.That(device.StaleResultReads, Is.Zero);
    }

    [Test]
    public void Power_down_mode_never_completes_a_conversion()
    {
        using var ina = new Ina219(new FakeIna219Device(), new Ina219Configuration(Mode: Ina219Mode.PowerDown), Calibration);
        Assert.That(() => ina.ReadNext(TimeSpan.FromMilliseconds(10)), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("does not convert"));
    }

    [Test]
    public void Unplugged_device_fails_with_an_io_error()
    {
        var device = new FakeIna219Device();
        using var ina = new Ina219(device, new Ina219Configuration(), Calibration);
        device.Unplugged = true;
        Assert.That(() => ina.Read(), Throws.InstanceOf<IOException>());
    }

    [Test]
    public void Open_reports_a_missing_bus_device_node()
    {
        var empty = Directory.CreateTempSubdirectory("cnnperf-dev").FullName;
        try
        {
            Assert.That(() => Ina219.Open(1, 0x40, new Ina219Configuration(), Calibration, empty),
                Throws.InstanceOf<CnnPerfException>().With.Message.Contains("i2c-1 does not exist"));
            Assert.That(() => Ina219.Open(1, 0x20, new Ina219Configuration(), Calibration, empty),
                Throws.InstanceOf<CnnPerfException>().With.Message.Contains("0x20"));
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }
}
