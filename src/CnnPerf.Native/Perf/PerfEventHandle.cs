using CnnPerf.Native.Interop;
using Microsoft.Win32.SafeHandles;

namespace CnnPerf.Native.Perf;

/// <summary>The file descriptor of one perf event; closing it releases the counter (fd 0 is valid).</summary>
internal sealed class PerfEventHandle : SafeHandleMinusOneIsInvalid
{
    /// <summary>Takes ownership of an open perf event fd.</summary>
    public PerfEventHandle(int fd) : base(ownsHandle: true)
    {
        SetHandle(fd);
    }

    /// <summary>The fd, valid while the handle is open.</summary>
    public int Fd => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => NativeMethods.Close((int)handle) == 0;
}
