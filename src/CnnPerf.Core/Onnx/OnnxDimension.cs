namespace CnnPerf.Onnx;

/// <summary>
/// One declared dimension of a graph input or output: a fixed size, a symbol (<c>N</c>, <c>batch_size</c>) or
/// neither (unknown). Converts implicitly from a number or a symbol, so a shape can be written <c>["N", 3, 224, 224]</c>.
/// </summary>
/// <param name="Value">The fixed size; null when the dimension is symbolic or unknown.</param>
/// <param name="Symbol">The symbol's name; null when the dimension is fixed or unknown.</param>
public readonly record struct OnnxDimension(long? Value, string? Symbol)
{
    /// <summary>True when the dimension has a fixed positive size.</summary>
    public bool IsFixed => Value is > 0;

    /// <summary>A fixed dimension.</summary>
    public static implicit operator OnnxDimension(long value) => new(value, null);

    /// <summary>A fixed dimension.</summary>
    public static implicit operator OnnxDimension(int value) => new(value, null);

    /// <summary>A symbolic dimension.</summary>
    public static implicit operator OnnxDimension(string symbol) => new(null, symbol);

    /// <summary>The size, the symbol's name, or <c>?</c> when unknown.</summary>
    public override string ToString() => Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : Symbol ?? "?";
}
