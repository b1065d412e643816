namespace CnnPerf.Running;

/// <summary>A run configuration is not valid; the message lists every problem.</summary>
public sealed class ConfigurationException : CnnPerfException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public ConfigurationException(string message) : base(message) { }
}
