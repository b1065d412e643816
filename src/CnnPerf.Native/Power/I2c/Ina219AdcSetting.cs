namespace CnnPerf.Native.Power.I2c;

/// <summary>
/// Resolution or averaging of one INA219 ADC: the 4-bit BADC (bits 10-7) or SADC (bits 6-3) field of the
/// configuration register. The values are the field codes of the datasheet.
/// </summary>
public enum Ina219AdcSetting
{
    /// <summary>9-bit, one conversion of 84 µs.</summary>
    Bits9 = 0b0000,
    /// <summary>10-bit, one conversion of 148 µs.</summary>
    Bits10 = 0b0001,
    /// <summary>11-bit, one conversion of 276 µs.</summary>
    Bits11 = 0b0010,
    /// <summary>12-bit, one conversion of 532 µs (the power-on default).</summary>
    Bits12 = 0b0011,
    /// <summary>12-bit, mean of 2 samples, 1.06 ms.</summary>
    Samples2 = 0b1001,
    /// <summary>12-bit, mean of 4 samples, 2.13 ms.</summary>
    Samples4 = 0b1010,
    /// <summary>12-bit, mean of 8 samples, 4.26 ms.</summary>
    Samples8 = 0b1011,
    /// <summary>12-bit, mean of 16 samples, 8.51 ms.</summary>
    Samples16 = 0b1100,
    /// <summary>12-bit, mean of 32 samples, 17.02 ms.</summary>
    Samples32 = 0b1101,
    /// <summary>12-bit, mean of 64 samples, 34.05 ms.</summary>
    Samples64 = 0b1110,
    /// <summary>12-bit, mean of 128 samples, 68.10 ms.</summary>
    Samples128 = 0b1111,
}
