namespace CnnPerf.Native.Perf;

/// <summary>Metrics computed from counts: pure functions, NaN when the denominator is zero.</summary>
public static class DerivedMetrics
{
    /// <summary>Instructions per cycle.</summary>
    public static double Ipc(double instructions, double cycles) => Ratio(instructions, cycles);

    /// <summary>Misses divided by accesses (a cache or branch miss ratio).</summary>
    public static double MissRatio(double misses, double accesses) => Ratio(misses, accesses);

    /// <summary>Events per thousand instructions (MPKI for misses).</summary>
    public static double PerKiloInstructions(double events, double instructions) => Ratio(events * 1000.0, instructions);

    private static double Ratio(double numerator, double denominator) =>
        denominator == 0 || double.IsNaN(denominator) || double.IsNaN(numerator) ? double.NaN : numerator / denominator;
}
