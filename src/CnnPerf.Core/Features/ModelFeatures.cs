namespace CnnPerf.Features;

/// <summary>Static features of a whole model: its layers and their totals.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="InputName">The name of the image input (the first graph input that is not a constant).</param>
/// <param name="InputShape">The shape of the image input.</param>
/// <param name="OutputName">The name of the first graph output.</param>
/// <param name="OutputShape">The shape of the first graph output.</param>
/// <param name="Layers">One record per node, in graph order.</param>
/// <param name="Parameters">Learned parameters, each constant counted once even when several nodes share it.</param>
/// <param name="Macs">Multiply-accumulate operations of one inference (sum over layers).</param>
/// <param name="WeightBytes">Bytes of all constants the nodes read, each counted once.</param>
/// <param name="ActivationBytes">Bytes of all node outputs of one inference (sum over layers).</param>
public sealed record ModelFeatures(
    string Name,
    string InputName,
    IReadOnlyList<long> InputShape,
    string OutputName,
    IReadOnlyList<long> OutputShape,
    IReadOnlyList<LayerFeatures> Layers,
    long Parameters,
    long Macs,
    long WeightBytes,
    long ActivationBytes)
{
    /// <summary>The number of layers of each operator type, for example <c>Conv: 20</c>.</summary>
    public IReadOnlyDictionary<string, int> LayerCounts =>
        Layers.GroupBy(l => l.OpType).ToDictionary(g => g.Key, g => g.Count());
}
