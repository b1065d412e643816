namespace CnnPerf.Modeling;

/// <summary>The layer-wise prediction for a whole network.</summary>
/// <param name="Milliseconds">Predicted latency of one inference: the layer sum times the calibration factor.</param>
/// <param name="LayerSumMilliseconds">Sum of the predicted layer times.</param>
/// <param name="Layers">Number of layers predicted.</param>
/// <param name="PooledTypes">Layer types of this network that had no per-type model and used the pooled one.</param>
public sealed record NetworkPrediction(double Milliseconds, double LayerSumMilliseconds, int Layers, IReadOnlyList<string> PooledTypes);
