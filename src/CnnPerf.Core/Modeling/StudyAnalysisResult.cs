using CnnPerf.Analysis;

namespace CnnPerf.Modeling;

/// <summary>Everything <see cref="StudyAnalysis.Run"/> found: the inputs of a report's analysis sections.</summary>
/// <param name="Correlations">Every explanatory metric against every performance target.</param>
/// <param name="CorrelationMatrix">Pearson r between every pair of columns.</param>
/// <param name="RegressionModels">Per target with data: the linear model chosen by forward selection on leave-one-network-out error.</param>
/// <param name="CrossValidations">Leave-one-backend-out validation of each chosen model's features.</param>
/// <param name="LayerwiseValidations">Leave-one-network-out validation of the layer-wise predictor per backend and thread count.</param>
public sealed record StudyAnalysisResult(
    CorrelationReport Correlations,
    CorrelationMatrix CorrelationMatrix,
    IReadOnlyList<FeatureSelectionResult> RegressionModels,
    IReadOnlyList<CrossValidationResult> CrossValidations,
    IReadOnlyList<LayerwiseValidationResult> LayerwiseValidations);
