using System.Diagnostics;
using System.Runtime.CompilerServices;
using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Perf;

/// <summary>
/// Counters scheduled together and read in one system call (read_format GROUP | TOTAL_TIME_ENABLED |
/// TOTAL_TIME_RUNNING | ID). Created by <see cref="PerfEventBuilder.OpenGroup(IReadOnlyList{IPerfEvent})"/>; owns every fd and closes them
/// on <see cref="Dispose"/>. Readings are cumulative: take deltas (never reset inherited counters).
/// </summary>
/// <remarks>
/// An inherited group has a copy in every thread the counted thread creates, and the kernel (since Linux 6.x)
/// refuses a group read with ECHILD while any copy has other members than the group. A copy does for a moment:
/// the kernel builds a starting thread's copy one member at a time and tears an exiting thread's copy down one
/// member at a time. <see cref="Read(Span{CounterValue})"/> waits such a moment out (usually a few microseconds;
/// up to <see cref="InheritedCopySettleTime"/>) and reads again, so every reading stays one atomic group read.
/// </remarks>
public sealed class PerfCounterGroup : IDisposable
{
    /// <summary>How long a read of an inherited group waits for a counted thread's copy to match the group again.</summary>
    internal static readonly TimeSpan InheritedCopySettleTime = TimeSpan.FromSeconds(1);

    private const int StackWords = 64;
    private readonly PerfEventHandle[] _handles;
    private readonly ulong[] _ids;
    private readonly bool _inherited;
    private bool _disposed;

    internal PerfCounterGroup(IReadOnlyList<IPerfEvent> events, IReadOnlyList<PerfEventHandle> handles, bool inherited)
    {
        Events = [.. events];
        _handles = [.. handles];
        _inherited = inherited;
        _ids = new ulong[_handles.Length];
        for (var i = 0; i < _handles.Length; i++)
        {
            _ids[i] = PerfIo.ReadId(_handles[i], Events[i]);
        }
    }

    /// <summary>The events, leader first, in the order readings report them.</summary>
    public IReadOnlyList<IPerfEvent> Events { get; }

    /// <summary>Number of counters in the group.</summary>
    public int Count => _handles.Length;

    /// <summary>Enables the whole group (PERF_IOC_FLAG_GROUP).</summary>
    public void Enable() => GroupIoctl(NativeMethods.PerfEventIocEnable);

    /// <summary>Disables the whole group; counts are kept.</summary>
    public void Disable() => GroupIoctl(NativeMethods.PerfEventIocDisable);

    /// <summary>Reads every counter of the group in one system call.</summary>
    /// <returns>Cumulative readings in the order of <see cref="Events"/>.</returns>
    public GroupReading Read()
    {
        var values = new CounterValue[Count];
        Read(values);
        return new GroupReading(Events, values);
    }

    /// <summary>Reads every counter into <paramref name="destination"/> (in the order of <see cref="Events"/>) without allocating.</summary>
    /// <exception cref="PerfEventException">
    /// The kernel refused the read; for an inherited group, ECHILD once a counted thread's copy of the group kept
    /// other members for <see cref="InheritedCopySettleTime"/>.
    /// </exception>
    [SkipLocalsInit]
    public void Read(Span<CounterValue> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length < Count)
        {
            throw new ArgumentException($"destination holds {destination.Length} values; the group has {Count}", nameof(destination));
        }
        var words = 3 + 2 * Count;
        Span<ulong> buffer = words <= StackWords ? stackalloc ulong[StackWords] : new ulong[words];
        buffer = buffer[..words];
        ReadWords(buffer);
        // Layout: nr, time_enabled, time_running, then { value, id } per counter, leader first.
        var enabled = buffer[1];
        var running = buffer[2];
        var count = (int)Math.Min(buffer[0], (ulong)Count);
        for (var i = 0; i < count; i++)
        {
            var value = buffer[3 + 2 * i];
            var id = buffer[4 + 2 * i];
            var index = _ids[i] == id ? i : Array.IndexOf(_ids, id);
            if (index >= 0)
            {
                destination[index] = new CounterValue(value, enabled, running);
            }
        }
    }

    /// <summary>Closes every counter of the group.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        for (var i = _handles.Length - 1; i >= 0; i--)
        {
            _handles[i].Dispose();
        }
    }

    private void ReadWords(Span<ulong> buffer)
    {
        var errno = PerfIo.TryRead(_handles[0], buffer, Events[0]);
        if (errno == Errno.EChild && _inherited)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(InheritedCopySettleTime.TotalSeconds * Stopwatch.Frequency);
            var wait = new SpinWait();
            while (errno == Errno.EChild && Stopwatch.GetTimestamp() < deadline)
            {
                // Spins first, then yields the CPU and sleeps, so a starting or exiting thread preempted on this
                // CPU can finish its copy.
                wait.SpinOnce();
                errno = PerfIo.TryRead(_handles[0], buffer, Events[0]);
            }
        }
        PerfIo.ThrowIfRefused(errno, Events[0]);
    }

    private void GroupIoctl(ulong request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        PerfIo.Ioctl(_handles[0], request, NativeMethods.PerfIocFlagGroup, Events[0]);
    }
}
