using CnnPerf.Native.Power.I2c;

namespace CnnPerf.Power;

/// <summary>The INA219 settings an <c>ina219:</c> spec describes, validated.</summary>
/// <param name="Bus">I2C bus number (default 1).</param>
/// <param name="Address">7-bit address (default 0x40).</param>
/// <param name="Configuration">Configuration register fields; the gain defaults to the smallest range that covers the shunt voltage at the maximum current.</param>
/// <param name="Calibration">Calibration from <c>shunt</c> and <c>max-current</c>.</param>
public sealed record Ina219Settings(int Bus, int Address, Ina219Configuration Configuration, Ina219Calibration Calibration)
{
    /// <summary>Reads the settings from an <c>ina219</c> spec.</summary>
    /// <exception cref="PowerSpecException">A value is missing or out of range.</exception>
    public static Ina219Settings From(PowerMeterSpec spec)
    {
        var text = spec.ToString();
        var address = spec.GetInt("address", 0x40);
        if (address is < Ina219.FirstAddress or > Ina219.LastAddress)
        {
            throw PowerMeterSpec.Error(text, $"address 0x{address:X2} is outside 0x40..0x4F");
        }
        Ina219Calibration calibration;
        Ina219Gain gain;
        try
        {
            calibration = new Ina219Calibration(spec.GetPositive("shunt"), spec.GetPositive("max-current"));
            gain = Gain(spec, text) ?? Ina219Configuration.GainFor(calibration.MaxShuntVolts);
        }
        catch (CnnPerfException e) when (e is not PowerSpecException)
        {
            throw PowerMeterSpec.Error(text, e.Message);
        }
        var busRange = spec.GetInt("bus-range", 32) switch
        {
            16 => Ina219BusRange.Volts16,
            32 => Ina219BusRange.Volts32,
            var other => throw PowerMeterSpec.Error(text, $"bus-range={other} is not 16 or 32"),
        };
        var both = Adc(spec, "adc", Ina219AdcSetting.Bits12, text);
        var configuration = new Ina219Configuration(busRange, gain, Adc(spec, "bus-adc", both, text), Adc(spec, "shunt-adc", both, text));
        try
        {
            configuration.CheckShuntRange(calibration);
        }
        catch (CnnPerfException e)
        {
            throw PowerMeterSpec.Error(text, e.Message);
        }
        return new Ina219Settings(spec.GetInt("bus", 1), address, configuration, calibration);
    }

    private static Ina219Gain? Gain(PowerMeterSpec spec, string text) => spec.Options.GetValueOrDefault("gain") switch
    {
        null or "auto" => null,
        "1" => Ina219Gain.Div1,
        "2" => Ina219Gain.Div2,
        "4" => Ina219Gain.Div4,
        "8" => Ina219Gain.Div8,
        var other => throw PowerMeterSpec.Error(text, $"gain={other} is not auto, 1, 2, 4 or 8"),
    };

    private static Ina219AdcSetting Adc(PowerMeterSpec spec, string key, Ina219AdcSetting fallback, string text) =>
        spec.Options.GetValueOrDefault(key) switch
        {
            null => fallback,
            "9bit" => Ina219AdcSetting.Bits9,
            "10bit" => Ina219AdcSetting.Bits10,
            "11bit" => Ina219AdcSetting.Bits11,
            "12bit" or "1" => Ina219AdcSetting.Bits12,
            "2" => Ina219AdcSetting.Samples2,
            "4" => Ina219AdcSetting.Samples4,
            "8" => Ina219AdcSetting.Samples8,
            "16" => Ina219AdcSetting.Samples16,
            "32" => Ina219AdcSetting.Samples32,
            "64" => Ina219AdcSetting.Samples64,
            "128" => Ina219AdcSetting.Samples128,
            var other => throw PowerMeterSpec.Error(text, $"{key}={other} is not 9bit, 10bit, 11bit, 12bit or a sample count 2..128"),
        };
}
