using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Perf;

/// <summary>read and ioctl on perf fds, through the errno funnel; throws ObjectDisposedException on a closed handle.</summary>
internal static class PerfIo
{
    /// <summary>Reads exactly <c>buffer.Length</c> u64 words from the counter.</summary>
    public static unsafe void Read(PerfEventHandle handle, Span<ulong> buffer, IPerfEvent perfEvent)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, handle);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var expected = buffer.Length * sizeof(ulong);
            nint bytes;
            fixed (ulong* pointer = buffer)
            {
                bytes = NativeMethods.Read(handle.Fd, pointer, (nuint)expected);
            }
            if (bytes < 0)
            {
                throw Errno.PerfEvent($"read({perfEvent.Name})", Errno.Last, perfEvent.NeedsPmu);
            }
            if (bytes != expected)
            {
                throw new PerfEventException($"read({perfEvent.Name})", 0, "short read", $"got {bytes} bytes, expected {expected}");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Issues an ioctl with an integer argument.</summary>
    public static void Ioctl(PerfEventHandle handle, ulong request, ulong argument, IPerfEvent perfEvent)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, handle);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (NativeMethods.Ioctl(handle.Fd, request, argument) < 0)
            {
                throw Errno.PerfEvent($"ioctl({perfEvent.Name}, 0x{request:x})", Errno.Last, perfEvent.NeedsPmu);
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The kernel's id of the counter (<c>PERF_EVENT_IOC_ID</c>).</summary>
    public static unsafe ulong ReadId(PerfEventHandle handle, IPerfEvent perfEvent)
    {
        ulong id = 0;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (NativeMethods.Ioctl(handle.Fd, NativeMethods.PerfEventIocId, &id) < 0)
            {
                throw Errno.PerfEvent($"ioctl({perfEvent.Name}, PERF_EVENT_IOC_ID)", Errno.Last, perfEvent.NeedsPmu);
            }
            return id;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
