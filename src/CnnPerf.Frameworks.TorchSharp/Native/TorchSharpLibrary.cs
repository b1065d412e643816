using System.Runtime.InteropServices;
using CnnPerf.Backends;
using TorchSharp;

namespace CnnPerf.Frameworks.TorchSharp.Native;

/// <summary>
/// Loads TorchSharp's native library once per process and says, in one line, why it cannot be used. TorchSharp's
/// own message for a library that fails to load blames a missing libtorch package; the loader's real reason (for
/// example the missing GLIBCXX_3.4.32 of Debian 12) is reported instead.
/// </summary>
internal static class TorchSharpLibrary
{
    /// <summary>The native library's file name on Linux.</summary>
    public const string FileName = "libLibTorchSharp.so";

    private static readonly Lazy<BackendAvailability> _availability = new(Load);

    /// <summary>Whether libtorch is loaded and initialised (loads it on first use).</summary>
    public static BackendAvailability Availability => _availability.Value;

    /// <summary>The places a build or publish puts the library, next to the application.</summary>
    public static IEnumerable<string> CandidatePaths()
    {
        var architecture = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{architecture}", "native", FileName);
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
    }

    /// <summary>Asks the dynamic loader to load a library now; returns null on success, else its error message.</summary>
    public static string? TryLoad(string path)
    {
        // Binds dlerror's stub now and clears any stale error: binding it after a failed dlopen would reset the message.
        NativeMethods.DlError();
        if (NativeMethods.DlOpen(path, NativeMethods.RtldNow) != IntPtr.Zero)
        {
            return null;
        }
        var error = NativeMethods.DlError();
        return error == IntPtr.Zero ? "unknown dynamic loader error" : Marshal.PtrToStringUTF8(error);
    }

    private static BackendAvailability Load()
    {
        if (OperatingSystem.IsLinux() && CandidatePaths().FirstOrDefault(File.Exists) is { } path)
        {
            // The handle is kept for the life of the process: TorchSharp binds to the same loaded library.
            if (TryLoad(path) is { } error)
            {
                var hint = error.Contains("GLIBCXX", StringComparison.Ordinal)
                    ? " (the build patches its copy where libstdc++ is older than GCC 13: apt-get install patchelf gcc, then rebuild)"
                    : "";
                return BackendAvailability.Unavailable($"{FileName} does not load: {error}{hint}");
            }
        }
        try
        {
            return torch.TryInitializeDeviceType(DeviceType.CPU)
                ? BackendAvailability.Available
                : BackendAvailability.Unavailable("libtorch (CPU) does not initialise: the libtorch-cpu native package is missing from the application folder");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or ExternalException or InvalidOperationException)
        {
            return BackendAvailability.Unavailable($"libtorch does not initialise: {e.Message.Split('\n', 2)[0].Trim()}");
        }
    }
}
