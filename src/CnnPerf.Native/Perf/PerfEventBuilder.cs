using System.Runtime.ExceptionServices;
using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Perf;

/// <summary>
/// How to open counters, with the kernel's <c>perf_event_attr</c> and <c>perf_event_open</c> field names:
/// compose it with an initializer or <c>with</c>, then <see cref="Open"/> one counter or
/// <see cref="OpenGroup(IReadOnlyList{IPerfEvent})"/> a group. The default counts the calling thread on any CPU, enabled, user and kernel
/// mode.
/// </summary>
public sealed record PerfEventBuilder
{
    /// <summary><c>pid</c>: 0 for the calling thread, a thread id or process id (its main thread) otherwise.</summary>
    public int Pid { get; init; }

    /// <summary><c>cpu</c>: -1 for any CPU the task runs on, else only that CPU.</summary>
    public int Cpu { get; init; } = -1;

    /// <summary><c>disabled</c>: the counter (group leader) starts off; call Enable.</summary>
    public bool Disabled { get; init; }

    /// <summary>
    /// <c>inherit</c>: threads and processes the counted task creates from now on are counted too, their counts
    /// folding into this counter when they exit. Threads that already exist are not counted.
    /// </summary>
    public bool Inherit { get; init; }

    /// <summary><c>enable_on_exec</c>: a disabled counter turns on when the counted task calls exec.</summary>
    public bool EnableOnExec { get; init; }

    /// <summary><c>pinned</c>: the group must always be on the PMU (it reads as an error otherwise).</summary>
    public bool Pinned { get; init; }

    /// <summary><c>exclude_user</c>: do not count user mode.</summary>
    public bool ExcludeUser { get; init; }

    /// <summary><c>exclude_kernel</c>: do not count kernel mode (needed by unprivileged users at paranoid 2).</summary>
    public bool ExcludeKernel { get; init; }

    /// <summary><c>exclude_hv</c>: do not count the hypervisor.</summary>
    public bool ExcludeHv { get; init; }

    /// <summary><c>exclude_idle</c>: do not count when the CPU is idle.</summary>
    public bool ExcludeIdle { get; init; }

    /// <summary>Opens one counter of <paramref name="perfEvent"/>.</summary>
    /// <returns>The counter; the caller owns and disposes it.</returns>
    /// <exception cref="PerfEventException">The kernel refused; the exception says why and what to do.</exception>
    public PerfCounter Open(IPerfEvent perfEvent)
    {
        var handle = OpenHandle(perfEvent, PerfReadFormat.TotalTimeEnabled | PerfReadFormat.TotalTimeRunning | PerfReadFormat.Id, null, isLeader: true);
        return new PerfCounter(perfEvent, handle);
    }

    /// <summary>
    /// Opens a group: the first event leads, the others follow it (they are scheduled on the PMU together and
    /// read in one call). <see cref="Disabled"/> and <see cref="EnableOnExec"/> apply to the leader; otherwise the
    /// group starts counting once it is complete.
    /// </summary>
    /// <remarks>
    /// With <see cref="Inherit"/>, every thread the counted thread creates while the group is being built gets a
    /// copy of the incomplete group, and the kernel refuses group reads (ECHILD) for as long as that thread lives.
    /// A group for the calling thread (<see cref="Pid"/> 0) is therefore built from a short-lived thread of its
    /// own while the calling thread waits, so the counted thread creates no thread before the group is complete
    /// (threads that other threads create never inherit it). A group for another thread, which may create
    /// threads meanwhile, is reopened when that happened: the kernel then refuses the next member (EINVAL, when
    /// the scheduler has moved the leader's context to the new thread) or the check read after the last one
    /// (ECHILD).
    /// </remarks>
    /// <returns>The group; the caller owns and disposes it.</returns>
    /// <exception cref="PerfEventException">The kernel refused one event; nothing stays open.</exception>
    public PerfCounterGroup OpenGroup(IReadOnlyList<IPerfEvent> events) => OpenGroup(events, afterLeader: null);

    /// <summary>
    /// Opens a group; <paramref name="afterLeader"/> runs on the opening thread between the leader and the
    /// members (a seam for tests).
    /// </summary>
    internal PerfCounterGroup OpenGroup(IReadOnlyList<IPerfEvent> events, Action? afterLeader)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("a counter group needs at least one event", nameof(events));
        }
        if (!Inherit || events.Count == 1)
        {
            return OpenGroupOnce(events, afterLeader);
        }
        return Pid == 0 ? OpenForCallingThread(events, afterLeader) : OpenChecked(events, afterLeader);
    }

    /// <summary>Builds the group from another thread while the calling (counted) thread waits for it.</summary>
    private PerfCounterGroup OpenForCallingThread(IReadOnlyList<IPerfEvent> events, Action? afterLeader)
    {
        var target = this with { Pid = NativeMethods.GetTid() };
        PerfCounterGroup? group = null;
        ExceptionDispatchInfo? failure = null;
        var opener = new Thread(() =>
        {
            try
            {
                group = target.OpenGroupOnce(events, afterLeader);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            Name = "perf group opener",
            IsBackground = true,
        };
        opener.Start();
        opener.Join();
        failure?.Throw();
        return group!;
    }

    /// <summary>Opens a group for a thread that may create threads meanwhile: checks it with one read, reopens it when poisoned.</summary>
    private PerfCounterGroup OpenChecked(IReadOnlyList<IPerfEvent> events, Action? afterLeader)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            PerfCounterGroup? group = null;
            try
            {
                group = OpenGroupOnce(events, attempt == 1 ? afterLeader : null);
                group.Read();
                return group;
            }
            catch (PerfEventException e) when (attempt < attempts && e.Errno is "ECHILD" or "EINVAL")
            {
                group?.Dispose();
            }
            catch
            {
                group?.Dispose();
                throw;
            }
        }
    }

    /// <summary>Opens the group once, without any check (internal so tests can build a poisoned group).</summary>
    internal PerfCounterGroup OpenGroupOnce(IReadOnlyList<IPerfEvent> events, Action? afterLeader)
    {
        const PerfReadFormat format = PerfReadFormat.Group | PerfReadFormat.TotalTimeEnabled | PerfReadFormat.TotalTimeRunning | PerfReadFormat.Id;
        // The leader always opens disabled: members added to a running leader stay off until the task is next
        // scheduled in, so they would silently miss counts. Enable the complete group instead.
        var settings = this with { Disabled = true };
        var handles = new List<PerfEventHandle>(events.Count);
        try
        {
            foreach (var perfEvent in events)
            {
                handles.Add(settings.OpenHandle(perfEvent, format, handles.Count == 0 ? null : handles[0], isLeader: handles.Count == 0));
                if (handles.Count == 1)
                {
                    afterLeader?.Invoke();
                }
            }
            var group = new PerfCounterGroup(events, handles, Inherit);
            if (!Disabled && !EnableOnExec)
            {
                group.Enable();
            }
            return group;
        }
        catch
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
            throw;
        }
    }

    /// <summary>The attr this builder gives for <paramref name="perfEvent"/>.</summary>
    internal PerfEventAttr ToAttr(IPerfEvent perfEvent, PerfReadFormat readFormat, bool leader)
    {
        var flags = PerfEventFlags.None;
        if (leader && Disabled) flags |= PerfEventFlags.Disabled;
        if (leader && EnableOnExec) flags |= PerfEventFlags.EnableOnExec;
        if (Inherit) flags |= PerfEventFlags.Inherit;
        if (Pinned && leader) flags |= PerfEventFlags.Pinned;
        if (ExcludeUser) flags |= PerfEventFlags.ExcludeUser;
        if (ExcludeKernel) flags |= PerfEventFlags.ExcludeKernel;
        if (ExcludeHv) flags |= PerfEventFlags.ExcludeHv;
        if (ExcludeIdle) flags |= PerfEventFlags.ExcludeIdle;
        return new PerfEventAttr
        {
            Type = perfEvent.Type,
            AttrSize = PerfEventAttr.Size,
            Config = perfEvent.Config,
            Config1 = perfEvent.Config1,
            Config2 = perfEvent.Config2,
            Config3 = perfEvent.Config3,
            ReadFormat = readFormat,
            Flags = flags,
        };
    }

    private unsafe PerfEventHandle OpenHandle(IPerfEvent perfEvent, PerfReadFormat readFormat, PerfEventHandle? leader, bool isLeader)
    {
        var attr = ToAttr(perfEvent, readFormat, isLeader);
        var leaderAdded = false;
        try
        {
            var groupFd = -1;
            if (leader is not null)
            {
                leader.DangerousAddRef(ref leaderAdded);
                groupFd = leader.Fd;
            }
            var fd = NativeMethods.PerfEventOpen(NativeMethods.PerfEventOpenSyscall, &attr, Pid, Cpu, groupFd, NativeMethods.PerfFlagFdCloexec);
            if (fd < 0)
            {
                var target = Pid == 0 ? "this thread" : $"pid {Pid}";
                throw Errno.PerfEvent($"perf_event_open({perfEvent.Name}, {target})", Errno.Last, perfEvent.NeedsPmu, attr.AttrSize);
            }
            return new PerfEventHandle((int)fd);
        }
        finally
        {
            if (leaderAdded)
            {
                leader!.DangerousRelease();
            }
        }
    }
}
