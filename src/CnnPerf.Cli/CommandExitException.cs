namespace CnnPerf.Cli;

/// <summary>The work failed before it wrote its output, with an exit code of its own (<c>stat</c>'s 126 and 127, as shells give them).</summary>
internal sealed class CommandExitException : Exception
{
    /// <summary>Creates the exception with a one-line message and the exit code.</summary>
    public CommandExitException(string message, int exitCode) : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; }
}
