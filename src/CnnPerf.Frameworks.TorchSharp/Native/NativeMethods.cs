using System.Runtime.InteropServices;

namespace CnnPerf.Frameworks.TorchSharp.Native;

/// <summary>The dynamic loader calls used to check that TorchSharp's native library loads (glibc, libc.so.6).</summary>
internal static partial class NativeMethods
{
    /// <summary>RTLD_NOW: resolve every symbol at load time, so a missing symbol or version shows now.</summary>
    public const int RtldNow = 2;

    /// <summary><c>void *dlopen(const char *filename, int flags)</c></summary>
    [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DlOpen(string fileName, int flags);

    /// <summary><c>char *dlerror(void)</c>: the last loader error of this thread, or NULL.</summary>
    [LibraryImport("libc.so.6", EntryPoint = "dlerror")]
    public static partial IntPtr DlError();
}
