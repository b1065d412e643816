using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CnnPerf.Native.Tests.Power.Serial;

/// <summary>
/// A pseudo-terminal pair from openpty(3): the slave end has a /dev/pts/N name that System.IO.Ports opens like
/// a real serial port; the test plays the device on the master end.
/// </summary>
internal sealed unsafe class PseudoTerminal : IDisposable
{
    // int openpty(int *amaster, int *aslave, char *name, const struct termios *termp, const struct winsize *winp);
    private readonly SafeFileHandle _slave;

    private PseudoTerminal(SafeFileHandle master, SafeFileHandle slave, string slaveName)
    {
        Master = new FileStream(master, FileAccess.ReadWrite, bufferSize: 0);
        _slave = slave;
        SlaveName = slaveName;
    }

    /// <summary>The device's end: what the port writes arrives here, and what is written here the port reads.</summary>
    public FileStream Master { get; }

    /// <summary>The path to open as a serial port, for example <c>/dev/pts/3</c>.</summary>
    public string SlaveName { get; }

    public static PseudoTerminal Open()
    {
        var openpty = (delegate* unmanaged<int*, int*, byte*, void*, void*, int>)Resolve();
        int master, slave;
        var name = stackalloc byte[256];
        if (openpty(&master, &slave, name, null, null) != 0)
        {
            throw new IOException($"openpty failed: errno {Marshal.GetLastPInvokeError()}");
        }
        return new PseudoTerminal(new SafeFileHandle(master, true), new SafeFileHandle(slave, true), Marshal.PtrToStringUTF8((nint)name)!);
    }

    public void Dispose()
    {
        _slave.Dispose();
        Master.Dispose();
    }

    // glibc 2.34+ has openpty in libc; older ones in libutil.
    private static nint Resolve()
    {
        foreach (var library in new[] { "libc.so.6", "libutil.so.1" })
        {
            if (NativeLibrary.TryLoad(library, out var handle) && NativeLibrary.TryGetExport(handle, "openpty", out var function))
            {
                return function;
            }
        }
        throw new DllNotFoundException("openpty is in neither libc.so.6 nor libutil.so.1");
    }
}
