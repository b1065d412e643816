namespace CnnPerf.Store;

/// <summary>A results store cannot be opened or read (not a CnnPerf store, a newer schema, a damaged file).</summary>
public sealed class StoreException : CnnPerfException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public StoreException(string message, Exception? innerException = null) : base(message, innerException) { }
}
