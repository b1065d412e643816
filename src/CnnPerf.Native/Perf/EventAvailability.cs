namespace CnnPerf.Native.Perf;

/// <summary>Whether an event opened here, and when not, the errno and the user's fix.</summary>
/// <param name="Event">The event probed.</param>
/// <param name="Opened">True when the kernel opened it.</param>
/// <param name="Errno">The errno name when it did not open (for example <c>ENOENT</c>).</param>
/// <param name="Hint">The reason and fix when it did not open.</param>
public sealed record EventAvailability(IPerfEvent Event, bool Opened, string? Errno, string? Hint);
