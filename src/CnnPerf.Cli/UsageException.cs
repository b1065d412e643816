namespace CnnPerf.Cli;

/// <summary>The command line is well-formed but its values do not make sense together (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public UsageException(string message) : base(message) { }
}
