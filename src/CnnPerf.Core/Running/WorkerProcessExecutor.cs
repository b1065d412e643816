using System.Diagnostics;
using CnnPerf.Native.Processes;

namespace CnnPerf.Running;

/// <summary>
/// Measures each configuration in a fresh worker process, so that a crashing framework, a leaking allocator or
/// a thread pool cannot affect the next one. A worker killed by a signal, out of memory, past its time limit or
/// exiting without a result becomes a failed result with its exit code or signal and the tail of its stderr.
/// </summary>
/// <remarks>
/// Stopping: a stop request (the first SIGINT or SIGTERM of a host, see <see cref="SignalStop"/>) is forwarded to the
/// worker as SIGTERM; the worker finishes its current inference and returns an interrupted result with every inference
/// measured so far. A worker that has not ended <see cref="WorkerOptions.CancelGrace"/> later, or any worker on a kill
/// request, is killed with its process tree. No worker starts once a stop was requested. The worker's folder (its
/// configuration and result files, in a <c>cnnperf-worker-*</c> folder of the temporary directory) is removed when it
/// ends, and the worker removes it itself and exits should the host end first (<see cref="WorkerHostLink"/>).
/// </remarks>
public sealed class WorkerProcessExecutor : IConfigurationExecutor
{
    /// <summary>The prefix of the stderr lines by which a worker announces a phase (<c>cnnperf-phase: measured</c>).</summary>
    public const string PhasePrefix = "cnnperf-phase: ";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

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

    /// <summary>Raised when a worker process has started, with its process id.</summary>
    public event Action<int>? WorkerStarted;

    /// <summary>Raised for every line the worker writes to stderr, with the worker's process id.</summary>
    public event Action<int, string>? WorkerOutput;

    /// <inheritdoc />
    public RunResult Execute(RunConfiguration configuration, CancellationToken stop = default, CancellationToken kill = default)
    {
        if (stop.IsCancellationRequested || kill.IsCancellationRequested)
        {
            return RunResult.Stopped(configuration, "stopped before its worker started");
        }
        var folder = Directory.CreateTempSubdirectory("cnnperf-worker-");
        try
        {
            var configPath = Path.Combine(folder.FullName, "configuration.json");
            var resultPath = Path.Combine(folder.FullName, "result.json");
            File.WriteAllText(configPath, RunJson.Serialize(configuration));
            return RunWorker(configuration, configPath, resultPath, stop, kill);
        }
        finally
        {
            folder.Refresh();
            if (folder.Exists)
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private RunResult RunWorker(RunConfiguration configuration, string configPath, string resultPath, CancellationToken stop, CancellationToken kill)
    {
        var start = new ProcessStartInfo(_options.Command[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
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
        start.Environment[WorkerHostLink.Variable] = "1";
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
        WorkerStarted?.Invoke(process.Id);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var ending = WaitForWorker(process, stop, kill);
        process.WaitForExit();
        if (ending is WorkerEnding.Killed or WorkerEnding.GraceExceeded or WorkerEnding.TimedOut)
        {
            RemoveRuntimeFiles(process.Id);
        }
        if (ending is WorkerEnding.Exited or WorkerEnding.Stopped && ReadResult(resultPath) is { } result)
        {
            return result.Failure is null ? result : result with { Failure = result.Failure with { ExitCode = process.ExitCode, StderrTail = tail.Text } };
        }
        return ending switch
        {
            WorkerEnding.TimedOut => RunResult.Failed(configuration, new RunFailure(FailureKind.Timeout,
                $"worker exceeded its time limit of {_options.Timeout.TotalSeconds:0} s and was killed", null, ProcessSignals.Kill, tail.Text)),
            WorkerEnding.Killed => RunResult.Stopped(configuration, "stopped again: the worker was killed before it returned a result"),
            WorkerEnding.GraceExceeded => RunResult.Stopped(configuration,
                $"the worker did not stop within {_options.CancelGrace.TotalSeconds:0.#} s of the stop request and was killed"),
            WorkerEnding.Stopped => RunResult.Stopped(configuration, "stopped before the worker returned a result"),
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

    private WorkerEnding WaitForWorker(Process process, CancellationToken stop, CancellationToken kill)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? stoppedAt = null;
        while (!process.WaitForExit(PollInterval))
        {
            if (kill.IsCancellationRequested)
            {
                KillTree(process);
                return WorkerEnding.Killed;
            }
            if (clock.Elapsed > _options.Timeout)
            {
                KillTree(process);
                return WorkerEnding.TimedOut;
            }
            if (!stop.IsCancellationRequested)
            {
                continue;
            }
            if (stoppedAt is null)
            {
                stoppedAt = clock.Elapsed;
                ProcessSignals.Send(process.Id, ProcessSignals.Terminate);
            }
            else if (clock.Elapsed - stoppedAt > _options.CancelGrace)
            {
                KillTree(process);
                return WorkerEnding.GraceExceeded;
            }
        }
        return stop.IsCancellationRequested ? WorkerEnding.Stopped : WorkerEnding.Exited;
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    /// <summary>
    /// Removes the diagnostic socket and debugger pipes the .NET runtime of a killed worker left in the temporary
    /// directory (<c>dotnet-diagnostic-PID-*</c>, <c>clr-debug-pipe-PID-*</c>); a worker that exits removes them itself.
    /// </summary>
    private static void RemoveRuntimeFiles(int pid)
    {
        var temporary = Path.GetTempPath();
        foreach (var pattern in new[] { $"dotnet-diagnostic-{pid}-*", $"clr-debug-pipe-{pid}-*" })
        {
            foreach (var file in Directory.EnumerateFiles(temporary, pattern))
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's file of a reused process id: not ours to remove.
                }
            }
        }
    }

    private static RunResult FailedByExit(RunConfiguration configuration, Process process, StderrTail tail)
    {
        var code = process.ExitCode;
        var signal = ProcessSignals.FromExitCode(code);
        var outOfMemory = tail.Text?.Contains("OutOfMemory", StringComparison.Ordinal) == true;
        var (kind, message) = (signal, outOfMemory) switch
        {
            (_, true) => (FailureKind.OutOfMemory, $"worker ran out of memory (exit code {code})"),
            (ProcessSignals.Kill, _) => (FailureKind.Signal, "worker was killed by SIGKILL (by another process or the kernel's out-of-memory killer)"),
            (int s, _) => (FailureKind.Signal, $"worker was killed by {ProcessSignals.Describe(s)}"),
            _ => (FailureKind.ExitCode, $"worker exited with code {code} without a result"),
        };
        return RunResult.Failed(configuration, new RunFailure(kind, message, signal is null ? code : null, signal, tail.Text));
    }

    private enum WorkerEnding
    {
        Exited,
        Stopped,
        GraceExceeded,
        Killed,
        TimedOut,
    }
}
