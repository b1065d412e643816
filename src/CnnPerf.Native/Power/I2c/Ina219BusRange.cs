namespace CnnPerf.Native.Power.I2c;

/// <summary>The INA219 bus voltage range (configuration register bit 13, BRNG).</summary>
public enum Ina219BusRange
{
    /// <summary>0 to 16 V full scale.</summary>
    Volts16 = 0,
    /// <summary>0 to 32 V full scale (the power-on default).</summary>
    Volts32 = 1,
}
