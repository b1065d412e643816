using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>One step of forward selection: the feature added and the cross-validated error with it.</summary>
/// <param name="Added">Metric id added at this step.</param>
/// <param name="Errors">Cross-validated errors of the model with every feature selected so far.</param>
public sealed record FeatureSelectionStep(string Added, PredictionErrors Errors);
