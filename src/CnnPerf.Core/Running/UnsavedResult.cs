namespace CnnPerf.Running;

/// <summary>A result the store could not save, and where it was kept instead.</summary>
/// <param name="Result">The result as measured.</param>
/// <param name="Reason">Why the store refused it (one line).</param>
/// <param name="File">The file that kept it (see <see cref="Store.UnsavedResults"/>), or null when none could.</param>
/// <param name="FileFailure">Why no file could keep it, when none could.</param>
public sealed record UnsavedResult(RunResult Result, string Reason, string? File, string? FileFailure);
