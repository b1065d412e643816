using System.Diagnostics;

namespace CnnPerf.Cli.Tests.TestSupport;

/// <summary>
/// Runs the tool with a folder that is a tiny file system with no space left: a 256 KB tmpfs mounted on it in a
/// mount namespace of the tool's own (<c>unshare -m</c>), filled before the tool starts. Skips the test, saying why,
/// where this machine does not allow mount namespaces.
/// </summary>
public static class FullDisk
{
    /// <summary>Runs <c>cnnperf ARGS</c> with <paramref name="folder"/> full; returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string folder, params string[] arguments)
    {
        var probe = Shell(["unshare", "-m", "--propagation", "private", "sh", "-c", $"mount -t tmpfs -o size=256k tmpfs '{folder}'"]);
        if (probe.ExitCode != 0)
        {
            Assert.Ignore($"cannot mount a small file system in a private mount namespace here (needs root or user namespaces): {probe.Stderr.Trim()}");
        }
        return Shell(["unshare", "-m", "--propagation", "private", "sh", "-c",
            $"mount -t tmpfs -o size=256k tmpfs '{folder}' && (dd if=/dev/zero of='{folder}/filler' bs=4k 2>/dev/null; true) && exec \"$0\" \"$@\"",
            "dotnet", CnnPerfTool.Dll, .. arguments]);
    }

    private static (int ExitCode, string Stdout, string Stderr) Shell(string[] command)
    {
        var start = new ProcessStartInfo(command[0], command[1..]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
