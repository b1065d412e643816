namespace CnnPerf.Onnx;

/// <summary>
/// One computation node of an <see cref="OnnxModel"/>: its operator, inputs, outputs and typed attributes, and
/// which of its inputs are constants. Immutable.
/// </summary>
public sealed class OnnxNode
{
    private readonly NodeProto _proto;
    private readonly Dictionary<string, OnnxAttribute> _attributes;
    private readonly Func<string, OnnxTensor?> _constants;

    internal OnnxNode(NodeProto proto, int index, Func<string, OnnxTensor?> constants)
    {
        _proto = proto;
        _constants = constants;
        Index = index;
        Inputs = [.. proto.Input];
        Outputs = [.. proto.Output];
        _attributes = [];
        foreach (var attribute in proto.Attribute)
        {
            _attributes.TryAdd(attribute.Name, new OnnxAttribute(attribute));
        }
    }

    /// <summary>The node's position among the model's computation nodes.</summary>
    public int Index { get; }

    /// <summary>The name given in the file (empty when it has none).</summary>
    public string Name => _proto.Name;

    /// <summary>What messages and timings call the node: its name, or its first output when it has no name.</summary>
    public string Label => _proto.Name.Length > 0 ? _proto.Name : Outputs.FirstOrDefault(o => o.Length > 0) ?? $"{OpType}_{Index}";

    /// <summary>The operator, for example <c>Conv</c>.</summary>
    public string OpType => _proto.OpType;

    /// <summary>The operator's domain (empty for the default ONNX domain).</summary>
    public string Domain => _proto.Domain;

    /// <summary>True when the operator is in the default ONNX domain.</summary>
    public bool IsDefaultDomain => _proto.Domain is "" or "ai.onnx";

    /// <summary>The operator with its domain when that is not the default one, for example <c>com.microsoft.FusedConv</c>.</summary>
    public string QualifiedOpType => IsDefaultDomain ? OpType : $"{Domain}.{OpType}";

    /// <summary>The input value names in order (empty strings for omitted optional inputs).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The output value names in order (empty strings for omitted optional outputs).</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The attributes by name.</summary>
    public IReadOnlyDictionary<string, OnnxAttribute> Attributes => _attributes;

    internal NodeProto Proto => _proto;

    /// <summary>The name of input <paramref name="index"/>, or null when the node has no such input or it is omitted.</summary>
    public string? Input(int index) => index < Inputs.Count && Inputs[index].Length > 0 ? Inputs[index] : null;

    /// <summary>The constant (initializer or Constant node value) that input <paramref name="index"/> reads; null when it is computed or absent.</summary>
    public OnnxTensor? ConstantInput(int index) => Input(index) is { } name ? _constants(name) : null;

    /// <summary>True when the node has the attribute.</summary>
    public bool HasAttribute(string name) => _attributes.ContainsKey(name);

    /// <summary>An INT attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public long GetInt(string name, long defaultValue) => _attributes.TryGetValue(name, out var a) ? a.Int : defaultValue;

    /// <summary>A FLOAT attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public float GetFloat(string name, float defaultValue) => _attributes.TryGetValue(name, out var a) ? a.Float : defaultValue;

    /// <summary>A STRING attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public string GetString(string name, string defaultValue) => _attributes.TryGetValue(name, out var a) ? a.String : defaultValue;

    /// <summary>An INTS attribute (a new array), or null when absent.</summary>
    public long[]? GetInts(string name) => _attributes.TryGetValue(name, out var a) ? a.Ints : null;

    /// <summary>A TENSOR attribute, or null when absent.</summary>
    public OnnxTensor? GetTensor(string name) => _attributes.TryGetValue(name, out var a) ? a.Tensor : null;

    /// <summary>The operator and label, for example <c>Conv 'stem/conv_1'</c>.</summary>
    public override string ToString() => $"{QualifiedOpType} '{Label}'";
}
