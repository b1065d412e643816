using CnnPerf.Store;

namespace CnnPerf.Running;

/// <summary>
/// Runs a list of configurations one after another through an executor and saves each finished one in the store
/// (one transaction per configuration). A failed configuration is recorded and the study goes on; cancellation
/// stops after the current inference, and the interrupted configuration is not saved.
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

    /// <summary>Raised when a configuration starts and when it finishes.</summary>
    public event Action<StudyProgress>? Progress;

    /// <summary>Runs the configurations; saves them in <paramref name="store"/> as a new run of <paramref name="machine"/> when a store is given.</summary>
    public StudyOutcome Run(IReadOnlyList<RunConfiguration> configurations, ResultStore? store, MachineContext machine,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        var runId = store?.BeginRun(machine);
        var results = new List<RunResult>();
        for (var i = 0; i < configurations.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            var configuration = configurations[i];
            Progress?.Invoke(new StudyProgress(i, configurations.Count, configuration, null));
            foreach (var monitor in _monitors)
            {
                monitor.Start(configuration);
            }
            var result = _executor.Execute(configuration, cancellationToken);
            foreach (var monitor in _monitors)
            {
                result = monitor.Complete(result);
            }
            if (result.Status == RunStatus.Interrupted)
            {
                break;
            }
            if (runId is { } id)
            {
                store!.Save(id, result);
            }
            results.Add(result);
            Progress?.Invoke(new StudyProgress(i, configurations.Count, configuration, result));
        }
        return new StudyOutcome(runId, results, results.Count < configurations.Count);
    }
}
