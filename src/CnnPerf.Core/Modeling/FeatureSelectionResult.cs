using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>The outcome of forward feature selection.</summary>
/// <param name="Target">Target metric id.</param>
/// <param name="Selected">Chosen features, in the order they were added.</param>
/// <param name="Steps">The error after each addition (the last addition is the last step that lowered it).</param>
/// <param name="Fit">The model fitted on every complete row with the selected features.</param>
/// <param name="CrossValidation">The cross-validated predictions of that model.</param>
public sealed record FeatureSelectionResult(
    string Target,
    IReadOnlyList<string> Selected,
    IReadOnlyList<FeatureSelectionStep> Steps,
    RegressionFit Fit,
    CrossValidationResult CrossValidation);
