namespace CnnPerf.Running;

/// <summary>Measures one configuration somewhere: in this process or in a fresh worker process.</summary>
public interface IConfigurationExecutor
{
    /// <summary>
    /// Measures <paramref name="configuration"/>. Failures of the configuration (a bad model, a crashing
    /// framework) come back as a failed result, never as an exception. Cancellation stops after the current
    /// inference with an interrupted result.
    /// </summary>
    RunResult Execute(RunConfiguration configuration, CancellationToken cancellationToken = default);
}
