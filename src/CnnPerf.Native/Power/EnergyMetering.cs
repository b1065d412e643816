using System.Globalization;

namespace CnnPerf.Native.Power;

/// <summary>
/// Whether energy counters advance: a counter that counts nothing over a short interval is present but not metering
/// (a virtual machine can expose RAPL's interface without the hardware behind it, and its counters stay at 0 J).
/// </summary>
public static class EnergyMetering
{
    /// <summary>How long the counters are watched: RAPL counters advance about every millisecond, even at idle.</summary>
    public static TimeSpan ProbeInterval { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Reads every counter, waits <paramref name="interval"/> (default <see cref="ProbeInterval"/>), reads them again,
    /// and returns for each one why it is not metering (<c>counted 0 J in 0.2 s (...)</c>), or null when it advanced.
    /// </summary>
    /// <param name="counters">The counters.</param>
    /// <param name="interval">The wait between the two reads.</param>
    /// <exception cref="IOException">A counter could not be read.</exception>
    /// <exception cref="CnnPerfException">A counter could not be read (perf errors, with errno).</exception>
    public static IReadOnlyList<string?> Check(IReadOnlyList<IEnergyCounter> counters, TimeSpan? interval = null)
    {
        var wait = interval ?? ProbeInterval;
        var before = counters.Select(c => c.ReadJoules()).ToArray();
        Thread.Sleep(wait);
        return counters.Select((c, i) =>
        {
            var joules = c.ReadJoules() - before[i];
            return joules > 0 && double.IsFinite(joules)
                ? null
                : string.Create(CultureInfo.InvariantCulture,
                    $"counted {joules:0.###} J in {wait.TotalSeconds:0.###} s (a virtual machine may expose the counter without the hardware behind it)");
        }).ToList();
    }
}
