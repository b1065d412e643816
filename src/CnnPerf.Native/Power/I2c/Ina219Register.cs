namespace CnnPerf.Native.Power.I2c;

/// <summary>INA219 register addresses (datasheet table "Register Set Summary").</summary>
internal static class Ina219Register
{
    /// <summary>Configuration (R/W, default 0x399F).</summary>
    public const byte Configuration = 0x00;
    /// <summary>Shunt voltage (R, signed, LSB 10 µV).</summary>
    public const byte ShuntVoltage = 0x01;
    /// <summary>Bus voltage (R, bits 15-3 in 4 mV, bit 1 CNVR, bit 0 OVF).</summary>
    public const byte BusVoltage = 0x02;
    /// <summary>Power (R, unsigned, power LSB = 20 current LSB). Reading it clears CNVR.</summary>
    public const byte Power = 0x03;
    /// <summary>Current (R, signed, current LSB).</summary>
    public const byte Current = 0x04;
    /// <summary>Calibration (R/W, bit 0 unused).</summary>
    public const byte Calibration = 0x05;
}
