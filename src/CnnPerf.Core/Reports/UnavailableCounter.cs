namespace CnnPerf.Reports;

/// <summary>A counter or meter the study could not use, and why (for example "cycles: ENOENT, no PMU in this VM").</summary>
/// <param name="Name">Event or meter name.</param>
/// <param name="Reason">Why it is unavailable, with the hint that fixes it where there is one.</param>
public sealed record UnavailableCounter(string Name, string Reason);
