namespace CnnPerf.Store;

/// <summary>Mean time of one layer of a model on a backend at a thread count (training data of layer-wise predictors).</summary>
/// <param name="ConfigurationId">The configuration it was profiled in.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Backend">The backend's name.</param>
/// <param name="Threads">Threads.</param>
/// <param name="Node">The node name.</param>
/// <param name="OpType">The operator type.</param>
/// <param name="MeanMilliseconds">Mean time per inference.</param>
public sealed record StoredLayerTiming(long ConfigurationId, string Model, string Backend, int Threads, string Node, string OpType, double MeanMilliseconds);
