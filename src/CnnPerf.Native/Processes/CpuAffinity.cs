using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Processes;

/// <summary>Which CPUs a thread or process may run on (<c>sched_getaffinity</c> / <c>sched_setaffinity</c>).</summary>
public static class CpuAffinity
{
    private const int MaskWords = 16; // 1024 CPUs, the size of glibc's cpu_set_t

    /// <summary>The CPUs the thread <paramref name="threadId"/> (0: the calling thread) may run on.</summary>
    public static unsafe IReadOnlyList<int> Get(int threadId = 0)
    {
        var mask = stackalloc ulong[MaskWords];
        if (NativeMethods.SchedGetAffinity(threadId, MaskWords * sizeof(ulong), mask) < 0)
        {
            throw Errno.SystemCall($"sched_getaffinity({threadId})", Errno.Last);
        }
        var cpus = new List<int>();
        for (var cpu = 0; cpu < MaskWords * 64; cpu++)
        {
            if ((mask[cpu / 64] & 1UL << (cpu % 64)) != 0)
            {
                cpus.Add(cpu);
            }
        }
        return cpus;
    }

    /// <summary>Restricts the thread <paramref name="threadId"/> (0: the calling thread) to <paramref name="cpus"/>.</summary>
    /// <exception cref="ArgumentException">No CPU, or a CPU number out of range.</exception>
    /// <exception cref="SystemCallException">The kernel refused (for example EINVAL: none of them is online).</exception>
    public static unsafe void Set(IReadOnlyCollection<int> cpus, int threadId = 0)
    {
        if (cpus.Count == 0)
        {
            throw new ArgumentException("at least one CPU is needed", nameof(cpus));
        }
        var mask = stackalloc ulong[MaskWords];
        foreach (var cpu in cpus)
        {
            if (cpu < 0 || cpu >= MaskWords * 64)
            {
                throw new ArgumentException($"CPU {cpu} is out of range 0..{MaskWords * 64 - 1}", nameof(cpus));
            }
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }
        if (NativeMethods.SchedSetAffinity(threadId, MaskWords * sizeof(ulong), mask) < 0)
        {
            throw Errno.SystemCall($"sched_setaffinity({threadId}, [{string.Join(',', cpus)}])", Errno.Last);
        }
    }

    /// <summary>Pins every current thread of process <paramref name="pid"/> to <paramref name="cpus"/> (threads created later inherit it from their creator).</summary>
    public static void SetProcess(int pid, IReadOnlyCollection<int> cpus)
    {
        foreach (var tid in new ProcFs("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)).ThreadIds())
        {
            try
            {
                Set(cpus, tid);
            }
            catch (SystemCallException e) when (e.Errno == "ESRCH")
            {
                // The thread exited after it was listed.
            }
        }
    }

    /// <summary>The calling thread's kernel id (<c>gettid</c>).</summary>
    public static int CurrentThreadId => NativeMethods.GetTid();
}
