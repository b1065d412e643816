namespace CnnPerf.Native.Perf;

/// <summary>
/// <c>perf_event_open</c> or an operation on a counter failed. <see cref="SystemCallException.Errno"/> says
/// how (for example <c>ENOENT</c>) and <see cref="SystemCallException.Hint"/> what to do about it.
/// </summary>
public sealed class PerfEventException : SystemCallException
{
    /// <summary>Creates the exception for a failed counter operation.</summary>
    /// <param name="call">What was called, naming the event.</param>
    /// <param name="errno">The errno value.</param>
    /// <param name="errnoName">The errno's symbolic name.</param>
    /// <param name="hint">The user's fix, or null.</param>
    public PerfEventException(string call, int errno, string errnoName, string? hint)
        : base(call, errno, errnoName, hint)
    {
    }

    /// <summary>True when the failure means the event does not exist here (no PMU, unknown event).</summary>
    public bool IsUnsupported => Errno is "ENOENT" or "ENODEV" or "EOPNOTSUPP";

    /// <summary>True when the failure is a permission problem (paranoid level, missing CAP_PERFMON).</summary>
    public bool IsPermission => Errno is "EACCES" or "EPERM";
}
