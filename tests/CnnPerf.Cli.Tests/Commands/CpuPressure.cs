using System.Diagnostics;
using System.Globalization;

namespace CnnPerf.Cli.Tests.Commands;

/// <summary>
/// How much of a time span runnable tasks waited for a CPU (Linux pressure stall information,
/// /proc/pressure/cpu "some"): 0 on an idle machine, near 1 when other work saturates every core.
/// </summary>
internal sealed class CpuPressure
{
    private readonly long? _startMicroseconds = Total();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    /// <summary>The stalled share since this object was created, or null without /proc/pressure/cpu.</summary>
    public double? StalledShare() =>
        Total() is { } end && _startMicroseconds is { } start
            ? (end - start) / Stopwatch.GetElapsedTime(_startTimestamp).TotalMicroseconds
            : null;

    private static long? Total()
    {
        const string path = "/proc/pressure/cpu";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("some ", StringComparison.Ordinal)) : null;
        var total = line?.Split(' ').FirstOrDefault(f => f.StartsWith("total=", StringComparison.Ordinal));
        return total is null ? null : long.Parse(total["total=".Length..], CultureInfo.InvariantCulture);
    }
}
