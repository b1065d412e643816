using CnnPerf.Native.Power.Hwmon;

namespace CnnPerf.Native.Tests.Power.Hwmon;

public class HwmonPowerSensorTests
{
    private TempSysfsTree _tree = null!;

    [SetUp]
    public void CreateTree()
    {
        _tree = new TempSysfsTree();
        // hwmon0: a temperature sensor only; hwmon1: ina219 (ina2xx driver: in0 shunt, in1 bus, curr1, power1);
        // hwmon2: ina3221 (3 channels of bus voltage and current, no power attribute).
        _tree.Write("hwmon0/name", "k10temp");
        _tree.Write("hwmon0/temp1_input", 41000);
        _tree.Write("hwmon1/name", "ina219");
        _tree.Write("hwmon1/in0_input", 25);
        _tree.Write("hwmon1/in1_input", 5080);
        _tree.Write("hwmon1/curr1_input", 500);
        _tree.Write("hwmon1/power1_input", 2540000);
        _tree.Write("hwmon2/name", "ina3221");
        _tree.Write("hwmon2/in1_input", 5000);
        _tree.Write("hwmon2/curr1_input", 1000);
        _tree.Write("hwmon2/in2_input", 3300);
        _tree.Write("hwmon2/curr2_input", 200);
        _tree.Write("hwmon2/in3_input", 12000);
        _tree.Write("hwmon2/curr3_input", -100);
    }

    [TearDown]
    public void DeleteTree() => _tree.Dispose();

    [Test]
    public void Discovers_only_devices_with_power_or_current_channels()
    {
        var sensors = HwmonPowerSensor.Discover(_tree.Root);
        Assert.That(sensors.Select(s => s.Name), Is.EqualTo(new[] { "ina219", "ina3221" }));
        Assert.That(sensors[0].PowerChannels, Is.EqualTo(new[] { 1 }));
        Assert.That(sensors[1].VoltageCurrentChannels, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void Power_input_is_read_in_microwatts()
    {
        var reading = HwmonPowerSensor.Find("ina219", _tree.Root).Read();
        Assert.That(reading.Watts, Is.EqualTo(2.54).Within(1e-12));
        _tree.Write("hwmon1/power1_input", 3000000);
        Assert.That(HwmonPowerSensor.Find("ina219", _tree.Root).Read().Watts, Is.EqualTo(3.0).Within(1e-12));
    }

    [Test]
    public void Voltage_times_current_per_channel_and_summed_over_channels()
    {
        var ina3221 = HwmonPowerSensor.Find("ina3221", _tree.Root);
        var channel2 = ina3221.Read(2);
        Assert.That(channel2.Volts, Is.EqualTo(3.3).Within(1e-12));
        Assert.That(channel2.Amps, Is.EqualTo(0.2).Within(1e-12));
        Assert.That(channel2.Watts, Is.EqualTo(0.66).Within(1e-12));
        Assert.That(ina3221.Read().Watts, Is.EqualTo(5.0 + 0.66 - 1.2).Within(1e-12));
        Assert.That(() => ina3221.Read(7), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("channels: 1, 2, 3"));
    }

    [Test]
    public void Attributes_under_device_subdirectory_are_found()
    {
        _tree.Write("hwmon3/device/name", "ina226");
        _tree.Write("hwmon3/device/power1_input", 1500000);
        Assert.That(HwmonPowerSensor.Find("ina226", _tree.Root).Read().Watts, Is.EqualTo(1.5).Within(1e-12));
    }

    [Test]
    public void A_removed_device_fails_the_read()
    {
        var sensor = HwmonPowerSensor.Find("ina219", _tree.Root);
        _tree.Delete("hwmon1/power1_input");
        Assert.That(() => sensor.Read(), Throws.InstanceOf<IOException>());
    }

    [Test]
    public void Unknown_name_lists_the_sensors_that_exist()
    {
        Assert.That(() => HwmonPowerSensor.Find("ina260", _tree.Root),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("found: ina219, ina3221"));
    }

    [Test]
    public void Probe_says_why_there_is_nothing()
    {
        Assert.That(HwmonPowerSensor.Probe(_tree.Root).Devices, Has.Count.EqualTo(2));
        Assert.That(HwmonPowerSensor.Probe(_tree.PathOf("missing")).Reason, Does.Contain("no hwmon driver is loaded"));
        Directory.Delete(_tree.PathOf("hwmon1"), true);
        Directory.Delete(_tree.PathOf("hwmon2"), true);
        Assert.That(HwmonPowerSensor.Probe(_tree.Root).Reason, Does.Contain("found: k10temp"));
    }

    [Test]
    public void This_machine_reports_hwmon_power_sensors_or_why_not()
    {
        var classDirectory = HwmonPowerSensor.DefaultClassDirectory;
        var probe = HwmonPowerSensor.Probe();
        if (!Directory.Exists(classDirectory))
        {
            Assert.That(probe.Reason, Does.Contain($"{classDirectory} does not exist"));
            return;
        }
        // Devices with a power channel, or a voltage and a current channel of the same number, read from sysfs here.
        var measuring = Directory.EnumerateDirectories(classDirectory, "hwmon*").Where(MeasuresPower).ToList();
        if (measuring.Count == 0)
        {
            Assert.That(probe.Available, Is.False);
            Assert.That(probe.Reason, Does.Contain("no hwmon device measures power or current").Or.Contain("is empty"));
            return;
        }
        Assert.That(probe.Available, Is.True, probe.Reason);
        Assert.That(HwmonPowerSensor.Discover(), Has.Count.EqualTo(measuring.Count));
    }

    private static bool MeasuresPower(string device)
    {
        var attributes = new[] { device, Path.Combine(device, "device") }.Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Select(Path.GetFileName).ToHashSet();
        return attributes.Any(a => a!.StartsWith("power", StringComparison.Ordinal) && a.EndsWith("_input", StringComparison.Ordinal))
            || attributes.Any(a => a!.StartsWith("curr", StringComparison.Ordinal) && a.EndsWith("_input", StringComparison.Ordinal)
                                   && attributes.Contains("in" + a["curr".Length..]));
    }
}
