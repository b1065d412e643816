namespace CnnPerf.Running;

/// <summary>Measures one configuration somewhere: in this process or in a fresh worker process.</summary>
public interface IConfigurationExecutor
{
    /// <summary>
    /// Measures <paramref name="configuration"/>. Failures of the configuration (a bad model, a crashing
    /// framework) come back as a failed result, never as an exception.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="stop">
    /// Stops after the current inference with an interrupted result that keeps every inference measured so far; once
    /// it is cancelled nothing new starts.
    /// </param>
    /// <param name="kill">Ends the measurement at once where it runs in another process (the process is killed).</param>
    RunResult Execute(RunConfiguration configuration, CancellationToken stop = default, CancellationToken kill = default);
}
