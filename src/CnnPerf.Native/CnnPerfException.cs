namespace CnnPerf;

/// <summary>
/// The base of every exception that CnnPerf libraries throw on purpose. Its message is one line that says
/// what happened and, where there is one, what the user can do about it.
/// </summary>
public class CnnPerfException : Exception
{
    /// <summary>Creates an exception with a one-line message.</summary>
    public CnnPerfException(string message) : base(message) { }

    /// <summary>Creates an exception with a one-line message and the exception that caused it.</summary>
    public CnnPerfException(string message, Exception? innerException) : base(message, innerException) { }
}
