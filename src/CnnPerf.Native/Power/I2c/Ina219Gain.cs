namespace CnnPerf.Native.Power.I2c;

/// <summary>
/// The INA219 shunt programmable gain amplifier (configuration register bits 12-11, PG): the full-scale shunt
/// voltage is 40, 80, 160 or 320 mV.
/// </summary>
public enum Ina219Gain
{
    /// <summary>Gain 1, ±40 mV full scale.</summary>
    Div1 = 0,
    /// <summary>Gain /2, ±80 mV full scale.</summary>
    Div2 = 1,
    /// <summary>Gain /4, ±160 mV full scale.</summary>
    Div4 = 2,
    /// <summary>Gain /8, ±320 mV full scale (the power-on default).</summary>
    Div8 = 3,
}
