namespace CnnPerf.Backends;

/// <summary>Whether a backend can run here; when it cannot, the reason and the user's fix in one line.</summary>
/// <param name="IsAvailable">True when models can be loaded.</param>
/// <param name="Reason">Why not, with the fix (for example "libgtk-3.so.0 is missing: apt-get install libgtk-3-0"); null when available.</param>
public sealed record BackendAvailability(bool IsAvailable, string? Reason)
{
    /// <summary>The backend is available.</summary>
    public static BackendAvailability Available { get; } = new(true, null);

    /// <summary>The backend is unavailable for the given reason.</summary>
    public static BackendAvailability Unavailable(string reason) => new(false, reason);
}
