using System.Runtime.InteropServices;

namespace CnnPerf.Native.Interop;

/// <summary><c>struct rusage</c> of 64-bit Linux: two <c>struct timeval</c> then fourteen <c>long</c>s.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RUsage
{
    /// <summary><c>ru_utime.tv_sec</c>.</summary>
    public long UserSeconds;
    /// <summary><c>ru_utime.tv_usec</c>.</summary>
    public long UserMicroseconds;
    /// <summary><c>ru_stime.tv_sec</c>.</summary>
    public long SystemSeconds;
    /// <summary><c>ru_stime.tv_usec</c>.</summary>
    public long SystemMicroseconds;
    /// <summary><c>ru_maxrss</c> (KiB).</summary>
    public long MaxRss;
    /// <summary><c>ru_ixrss</c> (unused on Linux).</summary>
    public long IxRss;
    /// <summary><c>ru_idrss</c> (unused on Linux).</summary>
    public long IdRss;
    /// <summary><c>ru_isrss</c> (unused on Linux).</summary>
    public long IsRss;
    /// <summary><c>ru_minflt</c>.</summary>
    public long MinorFaults;
    /// <summary><c>ru_majflt</c>.</summary>
    public long MajorFaults;
    /// <summary><c>ru_nswap</c> (unused on Linux).</summary>
    public long Swaps;
    /// <summary><c>ru_inblock</c>.</summary>
    public long BlockInputs;
    /// <summary><c>ru_oublock</c>.</summary>
    public long BlockOutputs;
    /// <summary><c>ru_msgsnd</c> (unused on Linux).</summary>
    public long MessagesSent;
    /// <summary><c>ru_msgrcv</c> (unused on Linux).</summary>
    public long MessagesReceived;
    /// <summary><c>ru_nsignals</c> (unused on Linux).</summary>
    public long Signals;
    /// <summary><c>ru_nvcsw</c>.</summary>
    public long VoluntaryContextSwitches;
    /// <summary><c>ru_nivcsw</c>.</summary>
    public long InvoluntaryContextSwitches;
}
