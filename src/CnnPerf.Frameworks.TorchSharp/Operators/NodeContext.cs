using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>What an operator factory may read while compiling one node: the node, the opset and the graph's constants.</summary>
/// <param name="Node">The node.</param>
/// <param name="Opset">Version of the default ONNX operator set the model imports.</param>
/// <param name="Constants">Initializers and Constant-node outputs by value name.</param>
internal sealed record NodeContext(NodeProto Node, long Opset, IReadOnlyDictionary<string, TensorProto> Constants)
{
    /// <summary>The name of input <paramref name="index"/>, or null when absent (omitted or empty).</summary>
    public string? InputName(int index) =>
        index < Node.Input.Count && Node.Input[index].Length > 0 ? Node.Input[index] : null;

    /// <summary>The values of a constant INT64 input (for example a Reshape target shape).</summary>
    /// <exception cref="UnsupportedNodeException">The input is absent or computed at run time.</exception>
    public long[] ConstantInt64s(int index) => OnnxTensors.ToInt64s(ConstantInput(index));

    /// <summary>The single value of a constant FLOAT input, or <paramref name="defaultValue"/> when the input is absent.</summary>
    /// <exception cref="UnsupportedNodeException">The input is computed at run time or is not a scalar.</exception>
    public float ConstantScalarOrDefault(int index, float defaultValue)
    {
        if (InputName(index) is null)
        {
            return defaultValue;
        }
        var values = OnnxTensors.ToFloats(ConstantInput(index));
        return values.Length == 1
            ? values[0]
            : throw new UnsupportedNodeException($"input {index} must be a scalar, it has {values.Length} values");
    }

    /// <summary>An INTS attribute that must hold exactly <paramref name="count"/> values, or the default filled with <paramref name="fill"/>.</summary>
    /// <exception cref="UnsupportedNodeException">The attribute has another length.</exception>
    public long[] Ints(string name, int count, long fill)
    {
        var values = Node.GetInts(name) ?? Enumerable.Repeat(fill, count).ToArray();
        return values.Length == count
            ? values
            : throw new UnsupportedNodeException($"attribute '{name}' has {values.Length} values, expected {count}");
    }

    private TensorProto ConstantInput(int index)
    {
        var name = InputName(index) ?? throw new UnsupportedNodeException($"input {index} is required");
        return Constants.TryGetValue(name, out var tensor)
            ? tensor
            : throw new UnsupportedNodeException($"input {index} ('{name}') must be a constant (initializer or Constant node), it is computed at run time");
    }
}
