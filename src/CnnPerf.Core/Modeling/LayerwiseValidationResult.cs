using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>Leave-one-network-out validation of the layer-wise model for one backend at one thread count.</summary>
/// <param name="Backend">Backend name.</param>
/// <param name="Threads">Thread count.</param>
/// <param name="Networks">One prediction per held-out network.</param>
/// <param name="Errors">MAPE, RMSE (ms) and share within +/-10% over the networks.</param>
/// <param name="Notes">Fallbacks and gaps (networks that could not be validated and why, types that used the pooled model).</param>
public sealed record LayerwiseValidationResult(
    string Backend,
    int Threads,
    IReadOnlyList<NetworkValidation> Networks,
    PredictionErrors Errors,
    IReadOnlyList<string> Notes);
