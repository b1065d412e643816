namespace CnnPerf.Onnx;

/// <summary>A tensor produced while building a graph: its name in the graph and its inferred shape.</summary>
/// <param name="Name">The value's name (a graph input or a node output).</param>
/// <param name="Shape">The dimensions, for example <c>[1, 64, 56, 56]</c>.</param>
public sealed record OnnxValue(string Name, long[] Shape)
{
    /// <summary>The channel dimension (index 1) of an NCHW or NC tensor.</summary>
    public long Channels => Shape.Length > 1 ? Shape[1] : throw new CnnPerfException($"value '{Name}' has rank {Shape.Length}, it has no channel dimension");

    /// <summary>The shape as text, for example <c>[1,64,56,56]</c>.</summary>
    public override string ToString() => $"{Name}[{string.Join(",", Shape)}]";
}
