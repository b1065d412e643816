namespace CnnPerf.Verification;

/// <summary>The outcome of running one backend on the verification inputs and comparing with the reference.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="MaxAbsDiff">Largest absolute output difference over every input; NaN when the backend failed.</param>
/// <param name="MaxRelDiff">Largest difference relative to the largest reference magnitude; NaN when the backend failed.</param>
/// <param name="Ok">True when the backend ran and <paramref name="MaxRelDiff"/> is within the tolerance.</param>
/// <param name="Error">Why the backend could not be compared (unavailable, failed to load or run); null when it ran.</param>
public sealed record BackendAgreement(string Backend, double MaxAbsDiff, double MaxRelDiff, bool Ok, string? Error = null);
