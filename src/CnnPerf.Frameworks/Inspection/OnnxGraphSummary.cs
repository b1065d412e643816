using CnnPerf.Backends;
using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Inspection;

/// <summary>
/// What the backends need to know about an ONNX file beyond what the framework tells them: the input shape
/// (dynamic dimensions taken as 1) and every node's name and operator type. Unlike the full feature extraction
/// it infers no shapes, so it works on graphs with operators CnnPerf does not know.
/// </summary>
internal sealed class OnnxGraphSummary
{
    private readonly IReadOnlyList<NodeProto> _nodes;

    private OnnxGraphSummary(TensorShape inputShape, IReadOnlyList<NodeProto> nodes)
    {
        InputShape = inputShape;
        _nodes = nodes;
    }

    /// <summary>Shape of the single graph input that is not an initializer, dynamic dimensions resolved to 1.</summary>
    public TensorShape InputShape { get; }

    /// <summary>Reads the summary of <paramref name="model"/>; problems become an <see cref="InferenceException"/> of <paramref name="backend"/>.</summary>
    public static OnnxGraphSummary Read(ModelSource model, string backend)
    {
        ModelProto proto;
        try
        {
            proto = OnnxModelFile.Load(model.Path);
        }
        catch (CnnPerfException e)
        {
            throw new InferenceException(backend, model.Name, e.Message, innerException: e);
        }
        var graph = proto.Graph;
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw new InferenceException(backend, model.Name, $"the graph has {inputs.Count} inputs; CnnPerf runs models with exactly one");
        }
        if (graph.Output.Count == 0)
        {
            throw new InferenceException(backend, model.Name, "the graph declares no output");
        }
        var shape = inputs[0].Type?.TensorType?.Shape;
        if (shape is null || shape.Dim.Count == 0)
        {
            throw new InferenceException(backend, model.Name, $"input '{inputs[0].Name}' has no declared shape");
        }
        var dimensions = shape.Dim.Select(d => d.DimValue > 0 ? checked((int)d.DimValue) : 1).ToArray();
        return new OnnxGraphSummary(new TensorShape(dimensions), graph.Node.ToList());
    }

    /// <summary>The operator type of the node with that name; null when there is none.</summary>
    public string? OpTypeOfNode(string nodeName) => _nodes.FirstOrDefault(n => n.Name == nodeName)?.OpType;

    /// <summary>The name of the first node of the given operator type (its first output when it has no name); null when none.</summary>
    public string? FirstNodeOfType(string opType) =>
        _nodes.FirstOrDefault(n => n.OpType == opType) is { } node ? NameOf(node) : null;

    private static string NameOf(NodeProto node) => node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault() ?? "";
}
