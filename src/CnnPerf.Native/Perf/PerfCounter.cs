using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Perf;

/// <summary>One open counter (not in a group). Created by <see cref="PerfEventBuilder.Open"/>; owns its fd.</summary>
public sealed class PerfCounter : IDisposable
{
    private readonly PerfEventHandle _handle;

    internal PerfCounter(IPerfEvent perfEvent, PerfEventHandle handle)
    {
        Event = perfEvent;
        _handle = handle;
        Id = PerfIo.ReadId(handle, perfEvent);
    }

    /// <summary>The event counted.</summary>
    public IPerfEvent Event { get; }

    /// <summary>The kernel's unique id of this counter (<c>PERF_EVENT_IOC_ID</c>).</summary>
    public ulong Id { get; }

    /// <summary>Starts counting.</summary>
    public void Enable() => PerfIo.Ioctl(_handle, NativeMethods.PerfEventIocEnable, 0, Event);

    /// <summary>Stops counting; the count is kept.</summary>
    public void Disable() => PerfIo.Ioctl(_handle, NativeMethods.PerfEventIocDisable, 0, Event);

    /// <summary>Reads the count with its enabled and running times (cumulative: take deltas with <see cref="CounterValue.Since"/>).</summary>
    public unsafe CounterValue Read()
    {
        Span<ulong> buffer = stackalloc ulong[4];
        PerfIo.Read(_handle, buffer, Event);
        return new CounterValue(buffer[0], buffer[1], buffer[2]);
    }

    /// <summary>Closes the counter.</summary>
    public void Dispose() => _handle.Dispose();
}
