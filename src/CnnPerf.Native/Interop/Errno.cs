using System.Runtime.InteropServices;
using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Interop;

/// <summary>
/// The one errno funnel: turns the errno of a failed native call into an exception that keeps it and adds the
/// user's fix.
/// </summary>
internal static class Errno
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "EPERM", [2] = "ENOENT", [3] = "ESRCH", [4] = "EINTR", [5] = "EIO", [6] = "ENXIO", [7] = "E2BIG",
        [9] = "EBADF", [10] = "ECHILD", [11] = "EAGAIN", [12] = "ENOMEM", [13] = "EACCES", [14] = "EFAULT",
        [16] = "EBUSY", [17] = "EEXIST", [19] = "ENODEV", [22] = "EINVAL", [23] = "ENFILE", [24] = "EMFILE",
        [25] = "ENOTTY", [28] = "ENOSPC", [38] = "ENOSYS", [75] = "EOVERFLOW", [95] = "EOPNOTSUPP",
    };

    /// <summary>
    /// <c>ECHILD</c>: a group read of an inherited group found a counted thread's copy of the group with other
    /// members than the group (Linux 6.x compares them).
    /// </summary>
    public const int EChild = 10;

    /// <summary>The errno of the last failed P/Invoke on this thread.</summary>
    public static int Last => Marshal.GetLastPInvokeError();

    /// <summary>The symbolic name of an errno value (<c>ENOENT</c>), or <c>errno N</c> for an unusual one.</summary>
    public static string Name(int errno) => Names.TryGetValue(errno, out var name) ? name : $"errno {errno}";

    /// <summary>The exception for a failed call outside perf.</summary>
    public static SystemCallException SystemCall(string call, int errno) =>
        new(call, errno, Name(errno), errno switch
        {
            1 => "not permitted: run as root or with the needed capability",
            3 => "no such process or thread (it may have exited)",
            22 => "invalid argument (for example a CPU set with no online core)",
            _ => null,
        });

    /// <summary>The exception for a failed <c>perf_event_open</c> or counter operation.</summary>
    /// <param name="call">What was called, naming the event.</param>
    /// <param name="errno">The errno.</param>
    /// <param name="needsPmu">True for hardware, hw-cache and raw events (they need a CPU PMU).</param>
    /// <param name="attrSize">The attr size the kernel wrote back on E2BIG, else 0.</param>
    public static PerfEventException PerfEvent(string call, int errno, bool needsPmu, uint attrSize = 0) =>
        new(call, errno, Name(errno), PerfHint(errno, needsPmu, attrSize));

    /// <summary>The user's fix for a perf errno, or null when there is none.</summary>
    public static string? PerfHint(int errno, bool needsPmu, uint attrSize) => errno switch
    {
        1 or 13 => $"not permitted with perf_event_paranoid={ReadParanoid()}: run as root, grant CAP_PERFMON "
                   + "(setcap cap_perfmon+ep), lower /proc/sys/kernel/perf_event_paranoid, or exclude kernel mode",
        2 when needsPmu => "no PMU: hardware events are not exposed on this CPU or VM",
        2 => "this kernel does not know the event",
        19 or 95 => needsPmu ? "the CPU's PMU does not support this event or setting" : "the kernel does not support this event or setting",
        7 => $"perf_event_attr size {PerfEventAttr.Size} not accepted (the kernel expects {attrSize}): kernel older than 4.x or newer ABI",
        24 or 23 => "too many open files: raise the limit (ulimit -n) or open fewer counters",
        3 => "no such process or thread (it may have exited)",
        16 => "the PMU is in exclusive use by another user",
        10 => "a thread counted by this inherited group holds a copy of it with other members (a thread the counted thread "
              + "created while the group was being opened): reopen the group, or read it after that thread exits",
        22 => "invalid event configuration for this kernel or PMU (check config fields and flags)",
        28 => "the PMU has no free counter for this event",
        38 => "the kernel was built without perf events (CONFIG_PERF_EVENTS)",
        _ => null,
    };

    private static string ReadParanoid()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/perf_event_paranoid").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
