namespace CnnPerf.Native.Power.I2c;

/// <summary>
/// The INA219 configuration register, one property per field: BRNG (bit 13), PG (bits 12-11), BADC (bits 10-7),
/// SADC (bits 6-3) and MODE (bits 2-0). Immutable; <see cref="ToRegister"/> packs it.
/// </summary>
/// <param name="BusRange">Bus voltage full scale.</param>
/// <param name="Gain">Shunt amplifier gain (full-scale shunt voltage).</param>
/// <param name="BusAdc">Resolution or averaging of the bus voltage ADC.</param>
/// <param name="ShuntAdc">Resolution or averaging of the shunt voltage ADC.</param>
/// <param name="Mode">Operating mode.</param>
public sealed record Ina219Configuration(
    Ina219BusRange BusRange = Ina219BusRange.Volts32,
    Ina219Gain Gain = Ina219Gain.Div8,
    Ina219AdcSetting BusAdc = Ina219AdcSetting.Bits12,
    Ina219AdcSetting ShuntAdc = Ina219AdcSetting.Bits12,
    Ina219Mode Mode = Ina219Mode.ShuntAndBusContinuous)
{
    /// <summary>The configuration register value of this configuration.</summary>
    public ushort ToRegister() =>
        (ushort)(((int)BusRange << 13) | ((int)Gain << 11) | ((int)BusAdc << 7) | ((int)ShuntAdc << 3) | (int)Mode);

    /// <summary>Decodes a configuration register value (the reset bit is ignored; ADC code 1000 reads as 12-bit).</summary>
    public static Ina219Configuration FromRegister(ushort value) => new(
        (Ina219BusRange)((value >> 13) & 0x1),
        (Ina219Gain)((value >> 11) & 0x3),
        DecodeAdc((value >> 7) & 0xF),
        DecodeAdc((value >> 3) & 0xF),
        (Ina219Mode)(value & 0x7));

    /// <summary>Full-scale shunt voltage of <see cref="Gain"/>, in volts (0.04, 0.08, 0.16 or 0.32).</summary>
    public double ShuntFullScaleVolts => 0.04 * (1 << (int)Gain);

    /// <summary>
    /// Time between two results in this mode: the shunt and the bus conversions run one after the other, so a
    /// shunt-and-bus mode takes the sum of both conversion times; a mode that converts one input takes its time.
    /// </summary>
    public TimeSpan SamplePeriod => Mode switch
    {
        Ina219Mode.ShuntAndBusContinuous or Ina219Mode.ShuntAndBusTriggered => ConversionTime(ShuntAdc) + ConversionTime(BusAdc),
        Ina219Mode.ShuntContinuous or Ina219Mode.ShuntTriggered => ConversionTime(ShuntAdc),
        Ina219Mode.BusContinuous or Ina219Mode.BusTriggered => ConversionTime(BusAdc),
        _ => TimeSpan.Zero,
    };

    /// <summary>Whether the device converts continuously in this mode (no trigger needed).</summary>
    public bool IsContinuous => Mode is Ina219Mode.ShuntContinuous or Ina219Mode.BusContinuous or Ina219Mode.ShuntAndBusContinuous;

    /// <summary>Whether the device converts at all in this mode.</summary>
    public bool Converts => Mode is not (Ina219Mode.PowerDown or Ina219Mode.AdcOff);

    /// <summary>Conversion time of one ADC setting, from the datasheet's table (84 µs for 9 bits to 68.10 ms for 128 samples).</summary>
    public static TimeSpan ConversionTime(Ina219AdcSetting setting) => TimeSpan.FromMicroseconds(setting switch
    {
        Ina219AdcSetting.Bits9 => 84,
        Ina219AdcSetting.Bits10 => 148,
        Ina219AdcSetting.Bits11 => 276,
        Ina219AdcSetting.Bits12 => 532,
        Ina219AdcSetting.Samples2 => 1_060,
        Ina219AdcSetting.Samples4 => 2_130,
        Ina219AdcSetting.Samples8 => 4_260,
        Ina219AdcSetting.Samples16 => 8_510,
        Ina219AdcSetting.Samples32 => 17_020,
        Ina219AdcSetting.Samples64 => 34_050,
        Ina219AdcSetting.Samples128 => 68_100,
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "not an INA219 ADC setting"),
    });

    /// <summary>Checks that the shunt voltage at the calibration's maximum current fits the range of <see cref="Gain"/>.</summary>
    /// <exception cref="CnnPerfException">It does not, with the numbers.</exception>
    public void CheckShuntRange(Ina219Calibration calibration)
    {
        if (calibration.MaxShuntVolts > ShuntFullScaleVolts * (1 + 1e-9))
        {
            throw new CnnPerfException(
                $"INA219: {calibration.MaxExpectedAmps} A through {calibration.ShuntOhms} Ω is {calibration.MaxShuntVolts * 1000:0.###} mV, above the {ShuntFullScaleVolts * 1000:0} mV range of gain {Gain}");
        }
    }

    /// <summary>The smallest gain whose full scale covers <paramref name="maxShuntVolts"/>.</summary>
    /// <exception cref="CnnPerfException">The voltage exceeds the widest range (320 mV).</exception>
    public static Ina219Gain GainFor(double maxShuntVolts)
    {
        for (var gain = Ina219Gain.Div1; gain <= Ina219Gain.Div8; gain++)
        {
            if (maxShuntVolts <= 0.04 * (1 << (int)gain) * (1 + 1e-9))
            {
                return gain;
            }
        }
        throw new CnnPerfException(
            $"INA219: the maximum shunt voltage {maxShuntVolts * 1000:0.###} mV exceeds the 320 mV full scale; use a smaller shunt or a lower maximum current");
    }

    // Codes 0X00..0X11 (bit 2 is "don't care") are single conversions; 1000 is 12-bit too; 1001..1111 average.
    private static Ina219AdcSetting DecodeAdc(int code) => code switch
    {
        < 0b1000 => (Ina219AdcSetting)(code & 0b0011),
        0b1000 => Ina219AdcSetting.Bits12,
        _ => (Ina219AdcSetting)code,
    };
}
