using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Power.Serial;

/// <summary>Whether a path is a serial device (a terminal: <c>/dev/ttyUSB0</c>, <c>/dev/rfcomm0</c>, a pseudo-terminal), before a port is opened on it.</summary>
public static class SerialDevice
{
    /// <summary>
    /// Why <paramref name="path"/> is not a serial device (missing, a directory, a file, a FIFO, <c>/dev/null</c>: anything
    /// that is not a terminal), or null when it is one. Opening the path without waiting and without making it the
    /// controlling terminal is the check.
    /// </summary>
    /// <exception cref="SystemCallException">The path exists but cannot be opened (for example EACCES).</exception>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path))
        {
            return $"{path} is a directory, not a serial device";
        }
        if (!File.Exists(path))
        {
            return $"{path} does not exist";
        }
        var fd = NativeMethods.Open(path, NativeMethods.OpenToInspect);
        if (fd < 0)
        {
            throw Errno.SystemCall($"open({path})", Errno.Last);
        }
        try
        {
            return NativeMethods.IsATty(fd) == 1 ? null : $"{path} is not a serial device (it is not a terminal)";
        }
        finally
        {
            NativeMethods.Close(fd);
        }
    }
}
