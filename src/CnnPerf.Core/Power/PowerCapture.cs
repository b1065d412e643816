namespace CnnPerf.Power;

/// <summary>
/// The samples one recorder took, and whether it kept sampling to the end. An incomplete capture keeps every
/// sample it has.
/// </summary>
/// <param name="Meter">The meter's name.</param>
/// <param name="Samples">The samples, in time order.</param>
/// <param name="Start">When recording started (monotonic seconds).</param>
/// <param name="End">When recording stopped.</param>
/// <param name="FailedReads">Reads that failed (a few isolated ones leave the capture complete).</param>
/// <param name="Failure">Why the meter stopped delivering before <paramref name="End"/>; null when it did not.</param>
public sealed record PowerCapture(string Meter, IReadOnlyList<PowerSample> Samples, double Start, double End, int FailedReads, string? Failure)
{
    /// <summary>The status of power that covers what it had to.</summary>
    public const string CompleteStatus = "power complete";

    /// <summary>Whether the meter delivered samples until the end.</summary>
    public bool Complete => Failure is null;

    /// <summary><c>power complete</c>, or <c>power incomplete: </c> and the reason.</summary>
    public string Status => StatusOf(Failure);

    /// <summary><see cref="CompleteStatus"/> without a problem, else <c>power incomplete: </c> and the problem.</summary>
    public static string StatusOf(string? problem) => problem is null ? CompleteStatus : $"power incomplete: {problem}";
}
