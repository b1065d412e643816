using CnnPerf.Native.Power.I2c;
using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

public class PowerMeterSpecTests
{
    [Test]
    public void Ina219_spec_from_the_issue()
    {
        var spec = PowerMeterSpec.Parse("ina219:bus=1,address=0x40,shunt=0.1,max-current=3.2");
        Assert.That(spec.Kind, Is.EqualTo("ina219"));
        var settings = Ina219Settings.From(spec);
        Assert.That((settings.Bus, settings.Address), Is.EqualTo((1, 0x40)));
        Assert.That(settings.Calibration.Register, Is.EqualTo(4194));
        Assert.That(settings.Configuration.Gain, Is.EqualTo(Ina219Gain.Div8), "3.2 A x 0.1 Ω = 320 mV needs /8");
    }

    [Test]
    public void Ina219_gain_adc_and_range_options()
    {
        var settings = Ina219Settings.From(PowerMeterSpec.Parse("ina219:address=65,shunt=0.1,max-current=0.3,bus-range=16,adc=128,bus-adc=9bit"));
        Assert.That(settings.Address, Is.EqualTo(0x41));
        Assert.That(settings.Configuration, Is.EqualTo(new Ina219Configuration(Ina219BusRange.Volts16, Ina219Gain.Div1, Ina219AdcSetting.Bits9, Ina219AdcSetting.Samples128)));
    }

    [TestCase("um25c:/dev/rfcomm0", "um25c", "/dev/rfcomm0")]
    [TestCase("UM24C:/dev/ttyUSB0", "um24c", "/dev/ttyUSB0")]
    [TestCase("um34c:/dev/rfcomm1", "um34c", "/dev/rfcomm1")]
    [TestCase("hwmon:ina219", "hwmon", "ina219")]
    [TestCase("hwmon:ina3221,channel=2", "hwmon", "ina3221")]
    [TestCase("rapl", "rapl", null)]
    [TestCase("rapl:dram", "rapl", "dram")]
    [TestCase("rapl-perf", "rapl-perf", null)]
    [TestCase("rapl-perf:energy-ram", "rapl-perf", "energy-ram")]
    [TestCase("csv:/tmp/lab power,1.csv", "csv", "/tmp/lab power,1.csv")]
    public void Kinds_and_targets(string text, string kind, string? target)
    {
        var spec = PowerMeterSpec.Parse(text);
        Assert.That((spec.Kind, spec.Target), Is.EqualTo((kind, target)));
    }

    [TestCase("", "unknown meter kind ''")]
    [TestCase("watts", "unknown meter kind 'watts'")]
    [TestCase("ina219:bus=1", "ina219 needs shunt=")]
    [TestCase("ina219:shunt=0.1", "ina219 needs max-current=")]
    [TestCase("ina219:shunt=-0.1,max-current=1", "shunt=-0.1 is not a positive number")]
    [TestCase("ina219:shunt=0.1,max-current=1,address=0x70", "address 0x70 is outside 0x40..0x4F")]
    [TestCase("ina219:shunt=0.1,max-current=1,address=zz", "address=zz is not a non-negative integer")]
    [TestCase("ina219:shunt=0.1,max-current=1,gain=3", "gain=3 is not auto, 1, 2, 4 or 8")]
    [TestCase("ina219:shunt=0.1,max-current=1,gain=1", "above the 40 mV range")]
    [TestCase("ina219:shunt=0.1,max-current=5", "exceeds the 320 mV full scale")]
    [TestCase("ina219:shunt=0.1,max-current=1,adc=3", "adc=3 is not 9bit")]
    [TestCase("ina219:shunt=0.1,max-current=1,bus-range=24", "bus-range=24 is not 16 or 32")]
    [TestCase("ina219:shunt=0.1,max-current=1,volts=5", "unknown option 'volts' for ina219")]
    [TestCase("ina219:shunt=0.1,shunt=0.2,max-current=1", "option 'shunt' is given twice")]
    [TestCase("ina219:1,shunt=0.1,max-current=1", "'1' is not KEY=VALUE")]
    [TestCase("um25c", "um25c needs a serial port")]
    [TestCase("hwmon", "hwmon needs the sensor's name")]
    [TestCase("hwmon:ina219,channel=x", "channel=x is not a non-negative integer")]
    [TestCase("rapl:dram,fast=1", "rapl takes no options")]
    [TestCase("csv:", "csv needs a file")]
    public void Bad_specs_say_what_is_wrong_and_show_the_forms(string text, string problem)
    {
        Assert.That(() => PowerMeterSpec.Parse(text), Throws.InstanceOf<PowerSpecException>()
            .With.Message.Contains(problem).And.Message.Contains("expected ina219:bus=1,address=0x40"));
    }

    [Test]
    public void ToString_gives_a_spec_that_parses_to_the_same()
    {
        var spec = PowerMeterSpec.Parse("hwmon:ina3221,channel=2");
        Assert.That(spec.ToString(), Is.EqualTo("hwmon:ina3221,channel=2"));
        Assert.That(PowerMeterSpec.Parse(spec.ToString()).Target, Is.EqualTo(spec.Target));
    }
}
