using System.Reflection;
using System.Runtime.InteropServices;
using CnnPerf.Backends;

namespace CnnPerf.Frameworks.OpenCv;

/// <summary>
/// Finds out whether OpenCvSharp's native library loads, before any OpenCvSharp type is touched: that library
/// links against GTK 3, and without <c>libgtk-3.so.0</c> a failed load would otherwise surface inside OpenCvSharp.
/// Native loading sits behind two delegates so that tests can simulate a machine without GTK.
/// </summary>
internal sealed class OpenCvNativeProbe
{
    /// <summary>The GTK library OpenCV's native build links against.</summary>
    public const string GtkLibrary = "libgtk-3.so.0";

    /// <summary>OpenCvSharp's native wrapper, as its P/Invoke declarations name it.</summary>
    public const string ExternLibrary = "OpenCvSharpExtern";

    private readonly Func<string, bool> _systemLibraryLoads;
    private readonly Func<string?> _externLoadError;

    /// <summary>Creates a probe over the given loaders (for tests).</summary>
    /// <param name="systemLibraryLoads">True when a system library of that file name loads.</param>
    /// <param name="externLoadError">Null when OpenCvSharpExtern loads, otherwise the loader's message.</param>
    public OpenCvNativeProbe(Func<string, bool> systemLibraryLoads, Func<string?> externLoadError)
    {
        _systemLibraryLoads = systemLibraryLoads;
        _externLoadError = externLoadError;
    }

    /// <summary>The probe of this process, loading the real libraries.</summary>
    public static OpenCvNativeProbe System { get; } = new(name => NativeLibrary.TryLoad(name, out _), LoadExtern);

    /// <summary>Whether OpenCV can run here; when not, the reason with the fix.</summary>
    public BackendAvailability Probe()
    {
        if (!_systemLibraryLoads(GtkLibrary))
        {
            return BackendAvailability.Unavailable($"{GtkLibrary} is missing (OpenCV's native library needs it): apt-get install libgtk-3-0");
        }
        var error = _externLoadError();
        return error is null
            ? BackendAvailability.Available
            : BackendAvailability.Unavailable($"OpenCV's native library does not load: {error}");
    }

    private static string? LoadExtern()
    {
        try
        {
            NativeLibrary.Load(ExternLibrary, Assembly.GetExecutingAssembly(), null);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            return e.Message.ReplaceLineEndings(" ");
        }
    }
}
