namespace CnnPerf.Running;

/// <summary>How to start the worker process that measures one configuration.</summary>
/// <param name="Command">
/// The worker command line without its per-run arguments, for example
/// <c>["dotnet", "/opt/cnnperf/cnnperf.dll", "worker"]</c>; the executor appends <c>--config FILE --result FILE</c>.
/// </param>
public sealed record WorkerOptions(IReadOnlyList<string> Command)
{
    /// <summary>Time a worker may take for one configuration, load included, before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>After a cancellation, how long the worker may take to finish its current inference before it is killed.</summary>
    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Lines of the worker's stderr kept for a failure report.</summary>
    public int StderrTailLines { get; init; } = 20;

    /// <summary>Environment variables set for the worker (added to this process's environment).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Limit of the worker's managed heap in bytes (DOTNET_GCHeapHardLimit); null for none.</summary>
    public long? ManagedHeapLimitBytes { get; init; }
}
