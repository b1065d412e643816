using System.Diagnostics;

namespace CnnPerf.Running;

/// <summary>
/// Measures each configuration in a fresh worker process, so that a crashing framework, a leaking allocator or
/// a thread pool cannot affect the next one. A worker killed by a signal, out of memory, past its time limit or
/// exiting without a result becomes a failed result with its exit code or signal and the tail of its stderr.
/// </summary>
public sealed class WorkerProcessExecutor : IConfigurationExecutor
{
    /// <summary>The prefix of the stderr lines by which a worker announces a phase (<c>cnnperf-phase: measured</c>).</summary>
    public const string PhasePrefix = "cnnperf-phase: ";

    private readonly WorkerOptions _options;

    /// <summary>Creates the executor.</summary>
    public WorkerProcessExecutor(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Command.Count == 0)
        {
            throw new ArgumentException("The worker command is empty.", nameof(options));
        }
        _options = options;
    }

    /// <summary>Raised for every line the worker writes to stderr, with the worker's process id.</summary>
    public event Action<int, string>? WorkerOutput;

    /// <inheritdoc />
    public RunResult Execute(RunConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateTempSubdirectory("cnnperf-worker-");
        try
        {
            var configPath = Path.Combine(folder.FullName, "configuration.json");
            var resultPath = Path.Combine(folder.FullName, "result.json");
            File.WriteAllText(configPath, RunJson.Serialize(configuration));
            return RunWorker(configuration, configPath, resultPath, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private RunResult RunWorker(RunConfiguration configuration, string configPath, string resultPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.Command[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in _options.Command.Skip(1).Concat(["--config", configPath, "--result", resultPath]))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in _options.Environment)
        {
            start.Environment[name] = value;
        }
        if (_options.ManagedHeapLimitBytes is { } limit)
        {
            start.Environment["DOTNET_GCHeapHardLimit"] = limit.ToString("x");
        }
        var tail = new StderrTail(_options.StderrTailLines);
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                tail.Add(e.Data);
                WorkerOutput?.Invoke(process.Id, e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return RunResult.Failed(configuration, new RunFailure(FailureKind.ExitCode, $"cannot start the worker '{_options.Command[0]}': {e.Message}"));
        }
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var ending = WaitForWorker(process, cancellationToken);
        process.WaitForExit();
        if (ending != WorkerEnding.TimedOut && ReadResult(resultPath) is { } result)
        {
            return result.Failure is null ? result : result with { Failure = result.Failure with { ExitCode = process.ExitCode, StderrTail = tail.Text } };
        }
        return ending switch
        {
            WorkerEnding.TimedOut => RunResult.Failed(configuration, new RunFailure(FailureKind.Timeout,
                $"worker exceeded its time limit of {_options.Timeout.TotalSeconds:0} s and was killed", null, 9, tail.Text)),
            WorkerEnding.Cancelled => RunResult.Failed(configuration, new RunFailure(FailureKind.Signal, "interrupted before the worker returned a result")) with { Status = RunStatus.Interrupted },
            _ => FailedByExit(configuration, process, tail),
        };
    }

    private static RunResult? ReadResult(string path)
    {
        try
        {
            return File.Exists(path) ? RunJson.DeserializeResult(File.ReadAllText(path)) : null;
        }
        catch (ConfigurationException)
        {
            return null;
        }
    }

    private WorkerEnding WaitForWorker(Process process, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var cancelledAt = TimeSpan.MinValue;
        while (!process.WaitForExit(100))
        {
            if (deadline.Elapsed > _options.Timeout)
            {
                process.Kill(entireProcessTree: true);
                return WorkerEnding.TimedOut;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                if (cancelledAt == TimeSpan.MinValue)
                {
                    cancelledAt = deadline.Elapsed;
                }
                else if (deadline.Elapsed - cancelledAt > _options.CancelGrace)
                {
                    process.Kill(entireProcessTree: true);
                    return WorkerEnding.Cancelled;
                }
            }
        }
        return cancellationToken.IsCancellationRequested ? WorkerEnding.Cancelled : WorkerEnding.Exited;
    }

    private static RunResult FailedByExit(RunConfiguration configuration, Process process, StderrTail tail)
    {
        var code = process.ExitCode;
        int? signal = code is > 128 and < 128 + 65 ? code - 128 : null;
        var outOfMemory = tail.Text?.Contains("OutOfMemory", StringComparison.Ordinal) == true;
        var (kind, message) = (signal, outOfMemory) switch
        {
            (_, true) => (FailureKind.OutOfMemory, $"worker ran out of memory (exit code {code})"),
            (9, _) => (FailureKind.Signal, "worker was killed by SIGKILL (by another process or the kernel's out-of-memory killer)"),
            (int s, _) => (FailureKind.Signal, $"worker was killed by {SignalName(s)}"),
            _ => (FailureKind.ExitCode, $"worker exited with code {code} without a result"),
        };
        return RunResult.Failed(configuration, new RunFailure(kind, message, signal is null ? code : null, signal, tail.Text));
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP (1)", 2 => "SIGINT (2)", 4 => "SIGILL (4)", 6 => "SIGABRT (6)", 7 => "SIGBUS (7)", 8 => "SIGFPE (8)",
        9 => "SIGKILL (9)", 11 => "SIGSEGV (11)", 13 => "SIGPIPE (13)", 15 => "SIGTERM (15)", _ => $"signal {signal}",
    };

    private enum WorkerEnding
    {
        Exited,
        TimedOut,
        Cancelled,
    }
}
