using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Inspection;

/// <summary>
/// What a framework's session keeps of the graph view to name nodes in its messages and timings: each node's
/// operator by name and the first node of each operator. Small: the view itself (with its weights) is not kept.
/// </summary>
internal sealed class NodeIndex
{
    private readonly Dictionary<string, string> _opTypeByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _firstOfType = new(StringComparer.Ordinal);

    /// <summary>Indexes the nodes of <paramref name="graph"/>.</summary>
    public NodeIndex(OnnxModel graph)
    {
        foreach (var node in graph.Nodes)
        {
            _opTypeByName.TryAdd(node.Label, node.OpType);
            _firstOfType.TryAdd(node.OpType, node.Label);
        }
    }

    /// <summary>An index of no nodes (a Caffe model).</summary>
    public NodeIndex()
    {
    }

    /// <summary>The operator of the node with that name (or label); null when there is none.</summary>
    public string? OpTypeOf(string nodeName) => _opTypeByName.GetValueOrDefault(nodeName);

    /// <summary>The label of the first node of the operator; null when there is none.</summary>
    public string? FirstOfType(string opType) => _firstOfType.GetValueOrDefault(opType);
}
