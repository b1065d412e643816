using CnnPerf.Analysis;
using CnnPerf.Features;
using CnnPerf.Metrics;

namespace CnnPerf.Modeling;

/// <summary>
/// The whole analysis of a study from plain data, in one call: correlations, the correlation matrix, linear models
/// of latency and energy chosen by forward selection, their cross-validation by network and by backend, and the
/// layer-wise predictor's leave-one-network-out validation.
/// </summary>
public static class StudyAnalysis
{
    /// <summary>The targets a linear model is selected for, where the table has them.</summary>
    public static IReadOnlyList<string> ModelTargets { get; } = [MetricIds.LatencyMean.Id, MetricIds.EnergyPerInference.Id];

    /// <summary>Analyses a study.</summary>
    /// <param name="results">One row per configuration.</param>
    /// <param name="layerTimings">Per-layer timings of the configurations (may be empty).</param>
    /// <param name="features">Static features per model name, for the layer-wise predictor (may be empty).</param>
    /// <param name="maxFeatures">Most features of a selected linear model.</param>
    public static StudyAnalysisResult Run(
        MetricTable results, IEnumerable<LayerTimingRecord> layerTimings, IReadOnlyDictionary<string, ModelFeatures> features, int maxFeatures = 3)
    {
        ArgumentNullException.ThrowIfNull(results);
        var explanatory = PerformanceTargets.ExplanatoryColumns(results);
        var models = ModelTargets
            .Where(target => results.HasColumn(target) && PairedColumns.DegeneracyReason(target, results.Column(target)) is null)
            .Select(target => ForwardSelection.Select(results, target, explanatory, CrossValidationScheme.LeaveOneNetworkOut, maxFeatures))
            .OfType<FeatureSelectionResult>()
            .ToList();
        var byBackend = models
            .Select(model => GroupCrossValidation.Run(results, model.Target, model.Selected, CrossValidationScheme.LeaveOneBackendOut))
            .Where(validation => validation.Predictions.Select(p => p.Group).Distinct().Count() > 1)
            .ToList();
        return new StudyAnalysisResult(
            MetricCorrelations.AgainstTargets(results, metrics: explanatory),
            CorrelationMatrix.Compute(results, [.. PerformanceTargets.Default, .. explanatory]),
            models,
            byBackend,
            LayerwiseAnalysis.Validate(layerTimings, features, results));
    }
}
