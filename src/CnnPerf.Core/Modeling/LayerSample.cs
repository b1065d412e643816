namespace CnnPerf.Modeling;

/// <summary>A measured layer: the training data of the layer-wise predictor.</summary>
/// <param name="Model">The network the layer belongs to.</param>
/// <param name="Layer">The layer's type and features.</param>
/// <param name="Milliseconds">Measured mean time of the layer per inference.</param>
public sealed record LayerSample(string Model, LayerInput Layer, double Milliseconds);
