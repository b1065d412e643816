using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Perf;

/// <summary>read and ioctl on perf fds, through the errno funnel; throws ObjectDisposedException on a closed handle.</summary>
internal static class PerfIo
{
    /// <summary>Reads exactly <c>buffer.Length</c> u64 words from the counter.</summary>
    public static void Read(PerfEventHandle handle, Span<ulong> buffer, IPerfEvent perfEvent) =>
        ThrowIfRefused(TryRead(handle, buffer, perfEvent), perfEvent);

    /// <summary>Throws the exception of a read that <see cref="TryRead"/> says the kernel refused (errno not 0).</summary>
    public static void ThrowIfRefused(int errno, IPerfEvent perfEvent)
    {
        if (errno != 0)
        {
            throw Errno.PerfEvent($"read({perfEvent.Name})", errno, perfEvent.NeedsPmu);
        }
    }

    /// <summary>
    /// Reads exactly <c>buffer.Length</c> u64 words from the counter; returns 0, or the errno when the kernel
    /// refused (for a caller that retries without the cost of an exception). A short read throws.
    /// </summary>
    public static unsafe int TryRead(PerfEventHandle handle, Span<ulong> buffer, IPerfEvent perfEvent)
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
                return Errno.Last;
            }
            if (bytes != expected)
            {
                throw new PerfEventException($"read({perfEvent.Name})", 0, "short read", $"got {bytes} bytes, expected {expected}");
            }
            return 0;
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
