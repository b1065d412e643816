using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed.Graph;

/// <summary>
/// The parts of an ONNX model the engine plans from: nodes in order, constant tensors (initializers and
/// <c>Constant</c> nodes), the single input with its shape, the single output and the operator-set version.
/// </summary>
internal sealed class OnnxGraph
{
    private OnnxGraph(string name, IReadOnlyList<NodeProto> nodes, Dictionary<string, TensorProto> constants, string input, int[] inputShape, string output, long opset)
    {
        Name = name;
        Nodes = nodes;
        Constants = constants;
        Input = input;
        InputShape = inputShape;
        Output = output;
        Opset = opset;
    }

    /// <summary>The model's name (for messages).</summary>
    public string Name { get; }

    /// <summary>Computation nodes in file order (Constant nodes removed).</summary>
    public IReadOnlyList<NodeProto> Nodes { get; }

    /// <summary>Constant tensors by value name.</summary>
    public Dictionary<string, TensorProto> Constants { get; }

    /// <summary>The graph input's value name.</summary>
    public string Input { get; }

    /// <summary>The graph input's shape (symbolic dimensions taken as 1).</summary>
    public int[] InputShape { get; }

    /// <summary>The graph output's value name.</summary>
    public string Output { get; }

    /// <summary>Version of the default operator set.</summary>
    public long Opset { get; }

    /// <summary>Reads the graph of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The graph has not exactly one input or output, or the input shape is unknown.</exception>
    public static OnnxGraph From(ModelProto model, string name)
    {
        var graph = model.Graph;
        var constants = graph.Initializer.ToDictionary(t => t.Name);
        var nodes = new List<NodeProto>();
        foreach (var node in graph.Node)
        {
            if (node.OpType == "Constant" && node.GetTensor("value") is { } value)
            {
                constants[node.Output[0]] = value;
            }
            else
            {
                nodes.Add(node);
            }
        }
        var inputs = graph.Input.Where(i => !constants.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1 || graph.Output.Count != 1)
        {
            throw new ArgumentException($"the graph has {inputs.Count} inputs and {graph.Output.Count} outputs; the engine runs graphs with exactly one of each");
        }
        var dims = inputs[0].Type?.TensorType?.Shape?.Dim;
        if (dims is null || dims.Count == 0)
        {
            throw new ArgumentException($"the shape of input '{inputs[0].Name}' is not given");
        }
        var shape = dims.Select(d => d.DimValue > 0 ? checked((int)d.DimValue) : 1).ToArray();
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 1;
        return new OnnxGraph(name, nodes, constants, inputs[0].Name, shape, graph.Output[0].Name, opset);
    }
}
