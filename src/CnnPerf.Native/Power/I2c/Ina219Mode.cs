namespace CnnPerf.Native.Power.I2c;

/// <summary>The INA219 operating mode (configuration register bits 2-0, MODE).</summary>
public enum Ina219Mode
{
    /// <summary>Power-down.</summary>
    PowerDown = 0b000,
    /// <summary>One shunt voltage conversion per configuration write.</summary>
    ShuntTriggered = 0b001,
    /// <summary>One bus voltage conversion per configuration write.</summary>
    BusTriggered = 0b010,
    /// <summary>One shunt and one bus conversion per configuration write.</summary>
    ShuntAndBusTriggered = 0b011,
    /// <summary>ADC off (disabled).</summary>
    AdcOff = 0b100,
    /// <summary>Shunt voltage, continuous.</summary>
    ShuntContinuous = 0b101,
    /// <summary>Bus voltage, continuous.</summary>
    BusContinuous = 0b110,
    /// <summary>Shunt and bus voltage, continuous (the power-on default).</summary>
    ShuntAndBusContinuous = 0b111,
}
