using CnnPerf.Analysis;

namespace CnnPerf.Modeling;

/// <summary>The prediction for one configuration by a model that never saw its group.</summary>
/// <param name="Key">The configuration.</param>
/// <param name="Group">The held-out group it belongs to (a model name, a backend name, a fold number).</param>
/// <param name="Measured">Measured target value.</param>
/// <param name="Predicted">Predicted value; NaN when the training folds were too small to fit.</param>
public sealed record CrossValidatedPrediction(ConfigurationKey Key, string Group, double Measured, double Predicted);
