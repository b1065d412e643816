using System.Globalization;

namespace CnnPerf.Native.Processes;

/// <summary>One thread's <c>/proc/PID/task/TID/schedstat</c>: time on the CPU, time waiting to run, timeslices.</summary>
/// <param name="ThreadId">The thread id.</param>
/// <param name="RunNanoseconds">Time spent running on a CPU.</param>
/// <param name="WaitNanoseconds">Time spent runnable but waiting for a CPU.</param>
/// <param name="Timeslices">Number of timeslices run.</param>
public sealed record ThreadSchedStat(int ThreadId, ulong RunNanoseconds, ulong WaitNanoseconds, ulong Timeslices)
{
    /// <summary>Parses a schedstat line (<c>"run wait slices"</c>).</summary>
    /// <exception cref="CnnPerfException">The line does not hold three numbers.</exception>
    public static ThreadSchedStat Parse(int threadId, string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 3
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var run)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var wait)
            || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var slices))
        {
            throw new CnnPerfException($"schedstat of thread {threadId}: expected three numbers, got '{text.Trim()}'");
        }
        return new ThreadSchedStat(threadId, run, wait, slices);
    }
}
