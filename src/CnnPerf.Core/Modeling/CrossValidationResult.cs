using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>Out-of-group predictions of a linear model of a target on a set of features, and their errors.</summary>
/// <param name="Scheme">The fold scheme's name.</param>
/// <param name="Target">Target metric id.</param>
/// <param name="Features">Feature metric ids.</param>
/// <param name="Lambda">Ridge penalty (0: ordinary least squares).</param>
/// <param name="Predictions">One prediction per configuration that has the target and every feature.</param>
/// <param name="Errors">MAPE, RMSE and share within +/-10% over the predictions that could be made.</param>
public sealed record CrossValidationResult(
    string Scheme,
    string Target,
    IReadOnlyList<string> Features,
    double Lambda,
    IReadOnlyList<CrossValidatedPrediction> Predictions,
    PredictionErrors Errors);
