using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>The linear model of one layer type in a <see cref="LayerwiseModel"/>.</summary>
/// <param name="LayerType">The layer type, for example <c>Conv/depthwise</c>.</param>
/// <param name="FeatureIndices">Which layer features the model uses (all of them, or the single most correlated one for sparse types).</param>
/// <param name="Fit">The fitted model on those features.</param>
/// <param name="Samples">Measured layers it was fitted on.</param>
public sealed record LayerTypeModel(string LayerType, IReadOnlyList<int> FeatureIndices, RegressionFit Fit, int Samples)
{
    /// <summary>Predicted time of a layer (never negative) from all of its features.</summary>
    public double Predict(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Math.Max(0, Fit.Predict(FeatureIndices.Select(i => features[i]).ToArray()));
    }
}
