namespace CnnPerf.Power;

/// <summary>What a meter returns for one read.</summary>
/// <param name="Watts">Power in watts (for an energy counter: the mean since its previous read).</param>
/// <param name="Volts">Supply voltage, when the meter measures it.</param>
/// <param name="Amps">Current, when the meter measures it.</param>
/// <param name="Joules">Cumulative energy since the meter opened, when the meter is an energy counter (RAPL).</param>
public readonly record struct PowerReading(double Watts, double? Volts = null, double? Amps = null, double? Joules = null);
