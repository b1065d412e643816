using System.Runtime.InteropServices;
using CnnPerf.Native.Interop;
using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Tests.TestSupport;

/// <summary>
/// An enabled inherited group of the calling thread opened and read with bare system calls, nothing retried:
/// a witness of what the kernel answers a group read (the library's own group hides refusals it can wait out).
/// </summary>
internal sealed unsafe class RawInheritedGroup : IDisposable
{
    private readonly List<int> _fds = [];
    private readonly ulong[] _buffer;

    public RawInheritedGroup(IReadOnlyList<IPerfEvent> events)
    {
        const PerfReadFormat format = PerfReadFormat.Group | PerfReadFormat.TotalTimeEnabled | PerfReadFormat.TotalTimeRunning | PerfReadFormat.Id;
        var builder = new PerfEventBuilder { Inherit = true };
        foreach (var perfEvent in events)
        {
            var attr = builder.ToAttr(perfEvent, format, leader: _fds.Count == 0);
            var fd = NativeMethods.PerfEventOpen(NativeMethods.PerfEventOpenSyscall, &attr, 0, -1, _fds.Count == 0 ? -1 : _fds[0], NativeMethods.PerfFlagFdCloexec);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                Dispose();
                Assert.Fail($"perf_event_open({perfEvent.Name}) failed: {Errno.Name(errno)}");
            }
            _fds.Add((int)fd);
        }
        _buffer = new ulong[3 + 2 * events.Count];
    }

    /// <summary>Reads the group once; the errno name when the kernel refused, else null.</summary>
    public string? Read()
    {
        fixed (ulong* words = _buffer)
        {
            return NativeMethods.Read(_fds[0], words, (nuint)(_buffer.Length * sizeof(ulong))) < 0 ? Errno.Name(Marshal.GetLastPInvokeError()) : null;
        }
    }

    public void Dispose()
    {
        for (var i = _fds.Count - 1; i >= 0; i--)
        {
            NativeMethods.Close(_fds[i]);
        }
        _fds.Clear();
    }
}
