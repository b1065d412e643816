namespace CnnPerf.Modeling;

/// <summary>One layer as the layer-wise predictor sees it: its type and its static numeric features.</summary>
/// <param name="NodeName">Node (layer) name, for messages.</param>
/// <param name="LayerType">Layer type the per-type models are keyed on, for example <c>Conv</c> or <c>Conv/depthwise</c>.</param>
/// <param name="Features">Static feature values, the same features in the same order for every layer.</param>
public sealed record LayerInput(string NodeName, string LayerType, IReadOnlyList<double> Features);
