using CnnPerf.Backends;

namespace CnnPerf.Running;

/// <summary>Measures configurations in the calling process (embedding, samples, tests).</summary>
public sealed class InProcessExecutor : IConfigurationExecutor
{
    private readonly Func<string, IInferenceBackend?> _backends;
    private readonly MeasurementRunner _runner;

    /// <summary>Creates the executor.</summary>
    /// <param name="backends">Finds a backend by name (null when there is none by that name).</param>
    /// <param name="runner">The measurement runner (with its counter source).</param>
    public InProcessExecutor(Func<string, IInferenceBackend?> backends, MeasurementRunner runner)
    {
        _backends = backends;
        _runner = runner;
    }

    /// <summary>Creates the executor over a list of backends.</summary>
    public InProcessExecutor(IEnumerable<IInferenceBackend> backends, MeasurementRunner runner)
        : this(BackendLookup(backends), runner) { }

    /// <inheritdoc />
    /// <remarks>In this process nothing can be killed: <paramref name="kill"/> stops like <paramref name="stop"/>.</remarks>
    public RunResult Execute(RunConfiguration configuration, CancellationToken stop = default, CancellationToken kill = default)
    {
        if (stop.IsCancellationRequested || kill.IsCancellationRequested)
        {
            return RunResult.Stopped(configuration, "stopped before it started");
        }
        var backend = _backends(configuration.Backend);
        if (backend is null)
        {
            return RunResult.Failed(configuration, new RunFailure(FailureKind.Invalid, $"unknown backend '{configuration.Backend}'"));
        }
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, kill);
        return _runner.Run(configuration, backend, either.Token);
    }

    private static Func<string, IInferenceBackend?> BackendLookup(IEnumerable<IInferenceBackend> backends)
    {
        var byName = backends.ToDictionary(b => b.Name, StringComparer.Ordinal);
        return name => byName.GetValueOrDefault(name);
    }
}
