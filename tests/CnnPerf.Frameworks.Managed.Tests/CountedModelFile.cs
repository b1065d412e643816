using System.Runtime.InteropServices;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.Managed.Tests;

/// <summary>
/// A model file whose opens the kernel counts: an inotify watch on it, so every read of the model by any code in the
/// process (a stat is not an open) is one IN_OPEN event. Closes are watched too: inotify merges an event into an
/// identical one still unread, and an open followed by its close is never identical to the next open.
/// </summary>
internal sealed partial class CountedModelFile : IDisposable
{
    private const int InNonBlock = 0x800;
    private const uint InOpen = 0x20;
    private const uint InCloseNoWrite = 0x10;
    private const int EventHeaderBytes = 16;

    private readonly string _folder;
    private readonly int _inotify;
    private int _opens;

    public CountedModelFile(byte[] model, string name)
    {
        _folder = Directory.CreateTempSubdirectory("cnnperf-counted-").FullName;
        var path = Path.Combine(_folder, name + ".onnx");
        File.WriteAllBytes(path, model);
        _inotify = InotifyInit1(InNonBlock);
        Assert.That(_inotify, Is.GreaterThanOrEqualTo(0), $"inotify_init1 failed: errno {Marshal.GetLastPInvokeError()}");
        Assert.That(InotifyAddWatch(_inotify, path, InOpen | InCloseNoWrite), Is.GreaterThanOrEqualTo(0), $"inotify_add_watch failed: errno {Marshal.GetLastPInvokeError()}");
        Source = ModelSource.FromOnnxFile(path);
    }

    /// <summary>The model, as a source that backends and the runner read.</summary>
    public ModelSource Source { get; }

    /// <summary>How many times the model file was opened so far.</summary>
    public int Reads
    {
        get
        {
            var buffer = new byte[4096];
            long read;
            while ((read = Read(_inotify, buffer, buffer.Length)) > 0)
            {
                // A watch on a file reports events without a name: each is the 16-byte header alone (wd, mask, cookie, len).
                for (var offset = 0; offset + EventHeaderBytes <= read; offset += EventHeaderBytes)
                {
                    if ((BitConverter.ToUInt32(buffer, offset + 4) & InOpen) != 0)
                    {
                        _opens++;
                    }
                }
            }
            return _opens;
        }
    }

    public void Dispose()
    {
        _ = Close(_inotify);
        Directory.Delete(_folder, recursive: true);
    }

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial long Read(int fd, byte[] buffer, long count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
