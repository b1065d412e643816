using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CnnPerf.Cli.Tests.TestSupport;

/// <summary>
/// The built tool run as a separate process with <c>--verbose</c> (so that it names its workers: <c>worker PID: ...</c>),
/// a private temporary directory (its TMPDIR, where workers keep their folders), and SIGINT ignored from the start, as
/// a shell starts a background job: the tool must take its signals back itself. Tracks the workers it started, so a
/// test can check that none of them outlives it, looking at its own processes only.
/// </summary>
public sealed partial class ToolProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _errorLines = [];
    private readonly List<string> _error = [];
    private readonly Task<string> _output;
    private readonly HashSet<int> _workers = [];

    /// <summary>Starts <c>cnnperf --verbose ARGS</c>.</summary>
    public ToolProcess(string temporaryDirectory, params string[] arguments)
    {
        TemporaryDirectory = temporaryDirectory;
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "trap '' INT; exec \"$0\" \"$@\"", "dotnet", CnnPerfTool.Dll, "--verbose" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["TMPDIR"] = temporaryDirectory;
        _process = Process.Start(start)!;
        _output = _process.StandardOutput.ReadToEndAsync();
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _errorLines.CompleteAdding();
                return;
            }
            lock (_error)
            {
                _error.Add(e.Data);
                if (WorkerLine().Match(e.Data) is { Success: true } worker)
                {
                    _workers.Add(int.Parse(worker.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            _errorLines.Add(e.Data);
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>The tool's TMPDIR.</summary>
    public string TemporaryDirectory { get; }

    /// <summary>Everything the tool wrote to stderr so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return string.Join('\n', _error);
            }
        }
    }

    /// <summary>Waits (at most five minutes) for a stderr line that matches, and returns it.</summary>
    public string WaitForErrorLine(Func<string, bool> matches)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (_errorLines.TryTake(out var line, deadline - DateTime.UtcNow))
        {
            if (matches(line))
            {
                return line;
            }
        }
        Assert.Fail($"the tool ended or stalled before the expected line; stderr:\n{Error}");
        return "";
    }

    /// <summary>Sends a signal (<c>INT</c>, <c>TERM</c>) to the tool.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-s", name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.That(kill.ExitCode, Is.Zero, $"kill -s {name}");
    }

    /// <summary>Waits for the tool to exit and returns its exit code and stdout.</summary>
    public (int ExitCode, string Output) WaitForExit()
    {
        Assert.That(_process.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, "the tool did not exit within 5 minutes");
        _process.WaitForExit();
        return (_process.ExitCode, _output.Result);
    }

    /// <summary>The workers the tool named that still run (a process of that id whose command line holds this TMPDIR).</summary>
    public IReadOnlyList<int> LiveWorkers()
    {
        lock (_error)
        {
            return [.. _workers.Where(pid => File.Exists($"/proc/{pid}/cmdline")
                && File.ReadAllText($"/proc/{pid}/cmdline").Contains(TemporaryDirectory, StringComparison.Ordinal))];
        }
    }

    /// <summary>
    /// What the tool and its workers left in their TMPDIR: worker folders, the runtime's files of a killed worker...
    /// except ONNX Runtime's one session file (<c>.ses</c>, rewritten by every process that loads it, never more than one).
    /// </summary>
    public IReadOnlyList<string> LeftBehind() =>
        [.. Directory.EnumerateFileSystemEntries(TemporaryDirectory).Where(entry => Path.GetFileName(entry) != ".ses")];

    /// <summary>How many workers the tool named.</summary>
    public int WorkerCount
    {
        get
        {
            lock (_error)
            {
                return _workers.Count;
            }
        }
    }

    /// <summary>Kills the tool if it still runs.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        _errorLines.Dispose();
    }

    [GeneratedRegex(@"^worker (\d+): ")]
    private static partial Regex WorkerLine();
}
