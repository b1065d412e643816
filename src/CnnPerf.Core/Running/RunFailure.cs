namespace CnnPerf.Running;

/// <summary>Why a configuration failed, with what the operating system said about the worker.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">One line: what happened.</param>
/// <param name="ExitCode">The worker's exit code, when it exited.</param>
/// <param name="Signal">The signal that killed the worker (9 = SIGKILL, 11 = SIGSEGV), when one did.</param>
/// <param name="StderrTail">The last lines the worker wrote to stderr, when there were any.</param>
public sealed record RunFailure(FailureKind Kind, string Message, int? ExitCode = null, int? Signal = null, string? StderrTail = null);
