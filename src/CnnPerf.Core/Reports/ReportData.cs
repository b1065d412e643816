using CnnPerf.Analysis;
using CnnPerf.Modeling;

namespace CnnPerf.Reports;

/// <summary>
/// Everything a report shows, as plain data: the renderer needs no runner and no store. Sections whose data is
/// empty say so in the report instead of disappearing.
/// </summary>
public sealed record ReportData
{
    /// <summary>Report title.</summary>
    public string Title { get; init; } = "CnnPerf report";

    /// <summary>Machine and software context (CPU, cores, kernel, .NET, backend versions...), in display order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Context { get; init; } = [];

    /// <summary>The measured configurations, one row each.</summary>
    public required MetricTable Results { get; init; }

    /// <summary>Per-inference latencies per configuration, for the distribution chart.</summary>
    public IReadOnlyList<LatencySampleSet> LatencySamples { get; init; } = [];

    /// <summary>Correlations of the metrics with the performance targets.</summary>
    public CorrelationReport? Correlations { get; init; }

    /// <summary>Correlation matrix of the metrics, for the heatmap.</summary>
    public CorrelationMatrix? CorrelationMatrix { get; init; }

    /// <summary>Regression models chosen by forward selection, with their cross-validated predictions.</summary>
    public IReadOnlyList<FeatureSelectionResult> RegressionModels { get; init; } = [];

    /// <summary>Other cross-validations of regression models (for example leave-one-backend-out of the chosen features).</summary>
    public IReadOnlyList<CrossValidationResult> CrossValidations { get; init; } = [];

    /// <summary>Leave-one-network-out validation of the layer-wise predictor, per backend and thread count.</summary>
    public IReadOnlyList<LayerwiseValidationResult> LayerwiseValidations { get; init; } = [];

    /// <summary>Counters and meters that were not available, with the reason.</summary>
    public IReadOnlyList<UnavailableCounter> UnavailableCounters { get; init; } = [];

    /// <summary>Free notes to print at the end (failed configurations, warnings).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
