using System.Diagnostics;

namespace CnnPerf.Tests;

/// <summary>
/// Makes a file read-only for this process until disposed: its write permissions removed, or, for root (whom
/// permissions do not stop), the immutable attribute set with <c>chattr +i</c>. Skips the test, saying why, where the
/// file system cannot do that.
/// </summary>
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode? _mode;

    private ReadOnlyFile(string path, UnixFileMode? mode)
    {
        _path = path;
        _mode = mode;
    }

    /// <summary>Makes <paramref name="path"/> read-only.</summary>
    public static ReadOnlyFile Protect(string path)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            var mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            return new ReadOnlyFile(path, mode);
        }
        var (exitCode, output) = Chattr("+i", path);
        if (exitCode != 0)
        {
            Assert.Ignore($"the file system here cannot make a file read-only for root: chattr +i {path}: {output.Trim()}");
        }
        return new ReadOnlyFile(path, null);
    }

    /// <summary>Makes the file writable again.</summary>
    public void Dispose()
    {
        if (_mode is { } mode)
        {
            File.SetUnixFileMode(_path, mode);
        }
        else
        {
            Chattr("-i", _path);
        }
    }

    private static (int ExitCode, string Output) Chattr(string change, string path)
    {
        var start = new ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
