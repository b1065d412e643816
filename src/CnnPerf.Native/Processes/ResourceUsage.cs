using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Processes;

/// <summary>What <c>getrusage</c> reports for the process, the calling thread or the waited-for children.</summary>
/// <param name="UserTime">CPU time in user mode.</param>
/// <param name="SystemTime">CPU time in kernel mode.</param>
/// <param name="MaxResidentBytes">Peak resident set size (for a thread: of its process).</param>
/// <param name="MinorFaults">Page faults served without I/O.</param>
/// <param name="MajorFaults">Page faults that needed I/O.</param>
/// <param name="VoluntaryContextSwitches">Switches because the task waited.</param>
/// <param name="InvoluntaryContextSwitches">Switches because the scheduler preempted the task.</param>
public sealed record ResourceUsage(
    TimeSpan UserTime, TimeSpan SystemTime, long MaxResidentBytes, long MinorFaults, long MajorFaults,
    long VoluntaryContextSwitches, long InvoluntaryContextSwitches)
{
    /// <summary>User plus system time.</summary>
    public TimeSpan CpuTime => UserTime + SystemTime;

    /// <summary><c>getrusage(RUSAGE_SELF)</c>: every thread of the process.</summary>
    public static ResourceUsage OfProcess() => Get(NativeMethods.RusageSelf, "RUSAGE_SELF");

    /// <summary><c>getrusage(RUSAGE_THREAD)</c>: the calling thread only.</summary>
    public static ResourceUsage OfCurrentThread() => Get(NativeMethods.RusageThread, "RUSAGE_THREAD");

    /// <summary><c>getrusage(RUSAGE_CHILDREN)</c>: children that have been waited for.</summary>
    public static ResourceUsage OfChildren() => Get(NativeMethods.RusageChildren, "RUSAGE_CHILDREN");

    private static unsafe ResourceUsage Get(int who, string name)
    {
        RUsage usage;
        if (NativeMethods.GetRusage(who, &usage) != 0)
        {
            throw Errno.SystemCall($"getrusage({name})", Errno.Last);
        }
        return new ResourceUsage(
            Time(usage.UserSeconds, usage.UserMicroseconds), Time(usage.SystemSeconds, usage.SystemMicroseconds),
            usage.MaxRss * 1024, usage.MinorFaults, usage.MajorFaults, usage.VoluntaryContextSwitches, usage.InvoluntaryContextSwitches);
    }

    private static TimeSpan Time(long seconds, long microseconds) => TimeSpan.FromTicks(seconds * TimeSpan.TicksPerSecond + microseconds * TimeSpan.TicksPerMicrosecond);
}
