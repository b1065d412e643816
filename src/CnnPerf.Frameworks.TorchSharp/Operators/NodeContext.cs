using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>What an operator factory may read while compiling one node: the node (with its constant inputs) and the opset.</summary>
/// <param name="Node">The node.</param>
/// <param name="Opset">Version of the default ONNX operator set the model imports.</param>
internal sealed record NodeContext(OnnxNode Node, long Opset)
{
    /// <summary>The values of a constant INT64 input (for example a Reshape target shape).</summary>
    /// <exception cref="UnsupportedNodeException">The input is absent or computed at run time.</exception>
    public long[] ConstantInt64s(int index) => ConstantInput(index).ToInt64s();

    /// <summary>The single value of a constant FLOAT input, or <paramref name="defaultValue"/> when the input is absent.</summary>
    /// <exception cref="UnsupportedNodeException">The input is computed at run time or is not a scalar.</exception>
    public float ConstantScalarOrDefault(int index, float defaultValue)
    {
        if (Node.Input(index) is null)
        {
            return defaultValue;
        }
        var values = ConstantInput(index).ToFloats();
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

    private OnnxTensor ConstantInput(int index)
    {
        var name = Node.Input(index) ?? throw new UnsupportedNodeException($"input {index} is required");
        return Node.ConstantInput(index)
            ?? throw new UnsupportedNodeException($"input {index} ('{name}') must be a constant (initializer or Constant node), it is computed at run time");
    }
}
