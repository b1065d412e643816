namespace CnnPerf.Running;

/// <summary>Why a configuration failed.</summary>
public enum FailureKind
{
    /// <summary>The configuration, model or options were rejected before anything ran.</summary>
    Invalid,
    /// <summary>The backend threw while loading or running (for example a corrupt model).</summary>
    Error,
    /// <summary>The worker process was killed by a signal (a native fault, SIGKILL).</summary>
    Signal,
    /// <summary>The worker process ran out of memory.</summary>
    OutOfMemory,
    /// <summary>The worker process exceeded its time limit and was killed.</summary>
    Timeout,
    /// <summary>The worker process exited with a non-zero code without a result.</summary>
    ExitCode,
}
