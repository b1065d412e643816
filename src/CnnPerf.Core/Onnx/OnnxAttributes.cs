namespace CnnPerf.Onnx;

/// <summary>Typed access to the attributes of an ONNX node, with the operator's defaults.</summary>
public static class OnnxAttributes
{
    /// <summary>An INT attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public static long GetInt(this NodeProto node, string name, long defaultValue) =>
        Find(node, name) is { } a ? a.I : defaultValue;

    /// <summary>A FLOAT attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public static float GetFloat(this NodeProto node, string name, float defaultValue) =>
        Find(node, name) is { } a ? a.F : defaultValue;

    /// <summary>A STRING attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public static string GetString(this NodeProto node, string name, string defaultValue) =>
        Find(node, name) is { } a ? a.S.ToStringUtf8() : defaultValue;

    /// <summary>An INTS attribute, or null when absent.</summary>
    public static long[]? GetInts(this NodeProto node, string name) =>
        Find(node, name) is { } a ? a.Ints.ToArray() : null;

    /// <summary>A TENSOR attribute, or null when absent.</summary>
    public static TensorProto? GetTensor(this NodeProto node, string name) => Find(node, name)?.T;

    private static AttributeProto? Find(NodeProto node, string name)
    {
        foreach (var attribute in node.Attribute)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }
        return null;
    }
}
