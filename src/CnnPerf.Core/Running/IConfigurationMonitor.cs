namespace CnnPerf.Running;

/// <summary>
/// Watches each configuration from the host side, for example a power meter sampling while the worker runs.
/// The study calls <see cref="Start"/> before a configuration and <see cref="Complete"/> after it.
/// </summary>
public interface IConfigurationMonitor
{
    /// <summary>A configuration is about to start.</summary>
    void Start(RunConfiguration configuration);

    /// <summary>The configuration ended; returns the result with what the monitor adds (metrics, power readings).</summary>
    RunResult Complete(RunResult result);
}
