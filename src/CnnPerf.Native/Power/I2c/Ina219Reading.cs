namespace CnnPerf.Native.Power.I2c;

/// <summary>One set of INA219 results.</summary>
/// <param name="ShuntVolts">Signed shunt voltage in volts (negative when current flows backwards).</param>
/// <param name="BusVolts">Bus voltage (IN- to ground) in volts.</param>
/// <param name="Amps">Signed current in amperes, from the current register.</param>
/// <param name="Watts">Power in watts, from the power register.</param>
/// <param name="ConversionReady">The CNVR flag: these results are from a conversion completed since the last power read.</param>
/// <param name="Overflow">The OVF flag: the current or power calculation is out of range, so both are invalid.</param>
public readonly record struct Ina219Reading(double ShuntVolts, double BusVolts, double Amps, double Watts, bool ConversionReady, bool Overflow);
