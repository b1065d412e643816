namespace CnnPerf.Native;

/// <summary>A Linux system call failed; keeps the errno and, when there is one, the user's fix.</summary>
public class SystemCallException : CnnPerfException
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="call">What was called, for example <c>sched_setaffinity(1234)</c>.</param>
    /// <param name="errno">The errno value.</param>
    /// <param name="errnoName">The errno's symbolic name, for example <c>EINVAL</c>.</param>
    /// <param name="hint">What the user can do about it; null when there is nothing specific.</param>
    public SystemCallException(string call, int errno, string errnoName, string? hint)
        : base(hint is null ? $"{call} failed: {errnoName}" : $"{call} failed: {errnoName}: {hint}")
    {
        Call = call;
        ErrnoValue = errno;
        Errno = errnoName;
        Hint = hint;
    }

    /// <summary>What was called.</summary>
    public string Call { get; }

    /// <summary>The numeric errno.</summary>
    public int ErrnoValue { get; }

    /// <summary>The errno's symbolic name, for example <c>ENOENT</c>.</summary>
    public string Errno { get; }

    /// <summary>The user's fix, or null.</summary>
    public string? Hint { get; }
}
