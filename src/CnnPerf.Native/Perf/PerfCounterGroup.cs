using System.Runtime.CompilerServices;
using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Perf;

/// <summary>
/// Counters scheduled together and read in one system call (read_format GROUP | TOTAL_TIME_ENABLED |
/// TOTAL_TIME_RUNNING | ID). Created by <see cref="PerfEventBuilder.OpenGroup(IReadOnlyList{IPerfEvent})"/>; owns every fd and closes them
/// on <see cref="Dispose"/>. Readings are cumulative: take deltas (never reset inherited counters).
/// </summary>
public sealed class PerfCounterGroup : IDisposable
{
    private const int StackWords = 64;
    private readonly PerfEventHandle[] _handles;
    private readonly ulong[] _ids;
    private bool _disposed;

    internal PerfCounterGroup(IReadOnlyList<IPerfEvent> events, IReadOnlyList<PerfEventHandle> handles)
    {
        Events = [.. events];
        _handles = [.. handles];
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
        PerfIo.Read(_handles[0], buffer, Events[0]);
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

    private void GroupIoctl(ulong request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        PerfIo.Ioctl(_handles[0], request, NativeMethods.PerfIocFlagGroup, Events[0]);
    }
}
