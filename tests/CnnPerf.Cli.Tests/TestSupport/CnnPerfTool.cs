using System.Diagnostics;
using System.Text.Json;

namespace CnnPerf.Cli.Tests.TestSupport;

/// <summary>Runs the built <c>cnnperf.dll</c> as a separate process, the way users run it.</summary>
public static class CnnPerfTool
{
    /// <summary>The tool's assembly next to the tests.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "cnnperf.dll");

    /// <summary>Runs <c>dotnet cnnperf.dll ARGS</c>; returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>Runs with <c>--json</c> and parses stdout.</summary>
    public static (int ExitCode, JsonElement Json, string Stderr) RunJson(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = Run(["--json", .. arguments]);
        Assert.That(stdout.TrimStart(), Does.StartWith("{"), $"stdout is not JSON; stderr: {stderr}");
        return (exitCode, JsonDocument.Parse(stdout).RootElement.Clone(), stderr);
    }
}
