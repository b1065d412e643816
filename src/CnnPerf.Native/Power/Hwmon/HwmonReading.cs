namespace CnnPerf.Native.Power.Hwmon;

/// <summary>One reading of a hwmon power sensor.</summary>
/// <param name="Watts">Power in watts (from <c>power*_input</c>, or voltage x current).</param>
/// <param name="Volts">Bus voltage in volts when the channel has one (null when several channels were summed).</param>
/// <param name="Amps">Current in amperes when the channel has one (null when several channels were summed).</param>
public readonly record struct HwmonReading(double Watts, double? Volts, double? Amps);
