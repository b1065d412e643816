namespace CnnPerf.Modeling;

/// <summary>The prediction for one network by a layer-wise model trained without it.</summary>
/// <param name="Model">The held-out network.</param>
/// <param name="MeasuredMilliseconds">Its measured latency.</param>
/// <param name="Prediction">The prediction.</param>
public sealed record NetworkValidation(string Model, double MeasuredMilliseconds, NetworkPrediction Prediction);
