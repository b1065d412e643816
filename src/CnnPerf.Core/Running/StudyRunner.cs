using CnnPerf.Store;

namespace CnnPerf.Running;

/// <summary>
/// Runs a list of configurations one after another through an executor and saves each one in the store as it ends
/// (one transaction per configuration). A failed configuration is recorded and the study goes on, also when a
/// host-side monitor (a power meter) fails to start or to finish, and when the store refuses a result: that result is
/// kept in a file beside the store (<see cref="UnsavedResults"/>) and the configuration is saved as failed with the
/// reason. A stop request ends the study after the current
/// inference: the interrupted configuration is saved as interrupted with the inferences it measured, and no further
/// configuration starts.
/// </summary>
public sealed class StudyRunner
{
    private readonly IConfigurationExecutor _executor;
    private readonly IReadOnlyList<IConfigurationMonitor> _monitors;

    /// <summary>Creates a study runner.</summary>
    /// <param name="executor">Measures each configuration (in a worker process or in process).</param>
    /// <param name="monitors">Host-side monitors (power meters) around each configuration.</param>
    public StudyRunner(IConfigurationExecutor executor, IEnumerable<IConfigurationMonitor>? monitors = null)
    {
        _executor = executor;
        _monitors = monitors?.ToArray() ?? [];
    }

    /// <summary>Raised when a configuration starts and when it ends.</summary>
    public event Action<StudyProgress>? Progress;

    /// <summary>Runs the configurations; saves them in <paramref name="store"/> as a new run of <paramref name="machine"/> when a store is given.</summary>
    /// <param name="configurations">The configurations, in the order they run.</param>
    /// <param name="store">Where each configuration is saved as it ends; null for none.</param>
    /// <param name="machine">The machine and software context of the run; needed with a store.</param>
    /// <param name="stop">Stops after the current inference (see <see cref="IConfigurationExecutor.Execute"/>); nothing starts afterwards.</param>
    /// <param name="kill">Ends the current configuration at once.</param>
    public StudyOutcome Run(IReadOnlyList<RunConfiguration> configurations, ResultStore? store, MachineContext? machine,
        CancellationToken stop = default, CancellationToken kill = default)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        if (store is not null)
        {
            ArgumentNullException.ThrowIfNull(machine);
        }
        var run = store?.BeginRun(machine!);
        var results = new List<RunResult>();
        var unsaved = new List<UnsavedResult>();
        for (var i = 0; i < configurations.Count && !stop.IsCancellationRequested; i++)
        {
            var configuration = configurations[i];
            Progress?.Invoke(new StudyProgress(i, configurations.Count, configuration, null));
            var result = Measure(configuration, stop, kill);
            if (store is not null)
            {
                result = Save(store, run!, result, unsaved);
            }
            results.Add(result);
            Progress?.Invoke(new StudyProgress(i, configurations.Count, configuration, result));
        }
        var interrupted = results.Count < configurations.Count || results.Any(r => r.Status == RunStatus.Interrupted);
        return new StudyOutcome(run?.Id, results, interrupted) { Unsaved = unsaved };
    }

    /// <summary>
    /// Saves a result; when the store refuses it, keeps it in a file (<see cref="UnsavedResults"/>) and saves the
    /// configuration as failed with the reason instead (when the store takes even that), which it returns.
    /// </summary>
    private static RunResult Save(ResultStore store, PendingRun run, RunResult result, List<UnsavedResult> unsaved)
    {
        try
        {
            store.Save(run, result);
            return result;
        }
        catch (StoreException e)
        {
            var file = UnsavedResults.Keep(store.Path, result, out var fileFailure);
            unsaved.Add(new UnsavedResult(result, e.Message, file, fileFailure));
            var kept = file is null ? "" : $"; the measured result is in {file}";
            var failed = RunResult.Failed(result.Configuration, new RunFailure(FailureKind.Error, $"not saved: {e.Message}{kept}"), result.BackendVersion);
            try
            {
                store.Save(run, failed);
            }
            catch (StoreException)
            {
                // The store takes nothing now (its disk is full): the outcome still says what happened.
            }
            return failed;
        }
    }

    /// <summary>One configuration between its monitors; a monitor that throws fails the configuration, with the reason.</summary>
    private RunResult Measure(RunConfiguration configuration, CancellationToken stop, CancellationToken kill)
    {
        var started = new List<IConfigurationMonitor>();
        RunResult result;
        try
        {
            foreach (var monitor in _monitors)
            {
                monitor.Start(configuration);
                started.Add(monitor);
            }
            result = _executor.Execute(configuration, stop, kill);
        }
        catch (Exception e) when (e is CnnPerfException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            result = RunResult.Failed(configuration, new RunFailure(FailureKind.Invalid, $"a monitor could not start: {OneLine(e)}"));
        }
        foreach (var monitor in started)
        {
            try
            {
                result = monitor.Complete(result);
            }
            catch (Exception e) when (e is CnnPerfException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                result = result with { Status = RunStatus.Failed, Failure = new RunFailure(FailureKind.Error, $"a monitor could not finish: {OneLine(e)}") };
            }
        }
        return result;
    }

    private static string OneLine(Exception e) => (e is CnnPerfException ? e.Message : $"{e.GetType().Name}: {e.Message}").ReplaceLineEndings(" ");
}
