namespace CnnPerf.Power;

/// <summary>A power meter spec is malformed; the message says what is wrong and shows the expected form.</summary>
public sealed class PowerSpecException : CnnPerfException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public PowerSpecException(string message) : base(message) { }
}
