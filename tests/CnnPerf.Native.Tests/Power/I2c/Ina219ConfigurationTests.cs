using CnnPerf.Native.Power.I2c;

namespace CnnPerf.Native.Tests.Power.I2c;

public class Ina219ConfigurationTests
{
    [Test]
    public void Default_configuration_is_the_datasheet_power_on_value()
    {
        Assert.That(new Ina219Configuration().ToRegister(), Is.EqualTo(0x399F));
    }

    [Test]
    public void Each_setting_lands_in_its_own_field()
    {
        var config = new Ina219Configuration(Ina219BusRange.Volts16, Ina219Gain.Div2, Ina219AdcSetting.Bits9, Ina219AdcSetting.Samples128, Ina219Mode.ShuntAndBusContinuous);
        // BRNG=0 (bit 13), PG=01 (bits 12-11), BADC=0000 (bits 10-7), SADC=1111 (bits 6-3), MODE=111.
        Assert.That(config.ToRegister(), Is.EqualTo(0b0_0_0_01_0000_1111_111));
        Assert.That(Ina219Configuration.FromRegister(config.ToRegister()), Is.EqualTo(config));
    }

    [Test]
    public void Single_conversion_codes_with_the_dont_care_bit_decode_to_their_resolution()
    {
        // SADC = 0110 is "0X10": 11 bits; SADC = 1000 is 12 bits.
        Assert.That(Ina219Configuration.FromRegister(0b0110 << 3).ShuntAdc, Is.EqualTo(Ina219AdcSetting.Bits11));
        Assert.That(Ina219Configuration.FromRegister(0b1000 << 3).ShuntAdc, Is.EqualTo(Ina219AdcSetting.Bits12));
    }

    [Test]
    public void Sample_period_adds_shunt_and_bus_conversion_times()
    {
        Assert.That(new Ina219Configuration().SamplePeriod, Is.EqualTo(TimeSpan.FromMicroseconds(1064)));
        var slow = new Ina219Configuration(BusAdc: Ina219AdcSetting.Bits9, ShuntAdc: Ina219AdcSetting.Samples128);
        Assert.That(slow.SamplePeriod, Is.EqualTo(TimeSpan.FromMicroseconds(84 + 68_100)));
        Assert.That((slow with { Mode = Ina219Mode.ShuntContinuous }).SamplePeriod, Is.EqualTo(TimeSpan.FromMicroseconds(68_100)));
    }

    [TestCase(0.030, Ina219Gain.Div1)]
    [TestCase(0.040, Ina219Gain.Div1)]
    [TestCase(0.050, Ina219Gain.Div2)]
    [TestCase(0.320, Ina219Gain.Div8)]
    public void Gain_is_the_smallest_range_that_covers_the_shunt_voltage(double volts, Ina219Gain expected)
    {
        Assert.That(Ina219Configuration.GainFor(volts), Is.EqualTo(expected));
    }

    [Test]
    public void Shunt_voltage_beyond_320_mV_is_refused()
    {
        Assert.That(() => Ina219Configuration.GainFor(0.5), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("320 mV"));
    }
}
