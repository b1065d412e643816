using System.Diagnostics;
using CnnPerf.Tests;

namespace CnnPerf.Native.Tests.TestSupport;

/// <summary>
/// Compiles a C source with gcc into a temporary folder (removed when the test process exits) and runs it; tests
/// skip when gcc is missing.
/// </summary>
public static class CProgram
{
    /// <summary>Compiles <paramref name="source"/>; returns the executable's path (skips the test without gcc).</summary>
    public static string Compile(string source, string name)
    {
        var gcc = SetupTool.Require("gcc", "gcc");
        var folder = Directory.CreateTempSubdirectory("cnnperf-c-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var sourcePath = Path.Combine(folder, name + ".c");
        var executable = Path.Combine(folder, name);
        File.WriteAllText(sourcePath, source);
        var (exitCode, output) = Run(gcc, ["-O1", "-o", executable, sourcePath]);
        Assert.That(exitCode, Is.Zero, $"gcc failed: {output}");
        return executable;
    }

    /// <summary>Runs a program and returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
