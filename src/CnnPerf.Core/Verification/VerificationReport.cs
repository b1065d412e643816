namespace CnnPerf.Verification;

/// <summary>How every compared backend agrees with the reference backend on one model.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Reference">The reference backend's name.</param>
/// <param name="Tolerance">The largest relative difference counted as agreement.</param>
/// <param name="Results">One entry per compared backend, in the order they were given.</param>
public sealed record VerificationReport(string Model, string Reference, double Tolerance, IReadOnlyList<BackendAgreement> Results)
{
    /// <summary>True when every compared backend ran and agreed.</summary>
    public bool AllOk => Results.All(r => r.Ok);
}
