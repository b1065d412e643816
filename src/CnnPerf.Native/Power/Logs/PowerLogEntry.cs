namespace CnnPerf.Native.Power.Logs;

/// <summary>One line of an external power log.</summary>
/// <param name="UnixSeconds">Wall-clock time of the value, in seconds since 1970-01-01 UTC.</param>
/// <param name="Watts">Power in watts.</param>
public readonly record struct PowerLogEntry(double UnixSeconds, double Watts);
