namespace CnnPerf.Running;

/// <summary>How a configuration ended.</summary>
public enum RunStatus
{
    /// <summary>Measured completely.</summary>
    Ok,
    /// <summary>Could not be measured; see <see cref="RunResult.Failure"/>.</summary>
    Failed,
    /// <summary>Stopped early on request (Ctrl-C, SIGTERM); the values cover the inferences that ran.</summary>
    Interrupted,
}
