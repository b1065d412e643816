using Google.Protobuf;

namespace CnnPerf.Onnx;

/// <summary>One attribute of an ONNX node: its name, its kind and its value. Immutable.</summary>
public sealed class OnnxAttribute
{
    internal OnnxAttribute(AttributeProto proto) => Proto = proto;

    /// <summary>The attribute's name, for example <c>kernel_shape</c>.</summary>
    public string Name => Proto.Name;

    /// <summary>What the attribute holds.</summary>
    public OnnxAttributeKind Kind => Proto.Type switch
    {
        AttributeProto.Types.AttributeType.Int => OnnxAttributeKind.Int,
        AttributeProto.Types.AttributeType.Float => OnnxAttributeKind.Float,
        AttributeProto.Types.AttributeType.String => OnnxAttributeKind.String,
        AttributeProto.Types.AttributeType.Ints => OnnxAttributeKind.Ints,
        AttributeProto.Types.AttributeType.Floats => OnnxAttributeKind.Floats,
        AttributeProto.Types.AttributeType.Tensor => OnnxAttributeKind.Tensor,
        _ => OnnxAttributeKind.Other,
    };

    /// <summary>The integer value (0 when the attribute holds none).</summary>
    public long Int => Proto.I;

    /// <summary>The float value (0 when the attribute holds none).</summary>
    public float Float => Proto.F;

    /// <summary>The string value (empty when the attribute holds none).</summary>
    public string String => Proto.S.ToStringUtf8();

    /// <summary>The integer list (a new array; empty when the attribute holds none).</summary>
    public long[] Ints => [.. Proto.Ints];

    /// <summary>The float list (a new array; empty when the attribute holds none).</summary>
    public float[] Floats => [.. Proto.Floats];

    /// <summary>The tensor value; null when the attribute holds none.</summary>
    public OnnxTensor? Tensor => Proto.T is { } t ? new OnnxTensor(t) : null;

    internal AttributeProto Proto { get; }

    /// <summary>An INT attribute.</summary>
    public static OnnxAttribute Of(string name, long value) => new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    /// <summary>A FLOAT attribute.</summary>
    public static OnnxAttribute Of(string name, float value) => new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    /// <summary>A STRING attribute.</summary>
    public static OnnxAttribute Of(string name, string value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    /// <summary>An INTS attribute.</summary>
    public static OnnxAttribute Of(string name, params long[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        proto.Ints.AddRange(values);
        return new OnnxAttribute(proto);
    }

    /// <summary>A FLOATS attribute.</summary>
    public static OnnxAttribute Of(string name, params float[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        proto.Floats.AddRange(values);
        return new OnnxAttribute(proto);
    }

    /// <summary>A TENSOR attribute.</summary>
    public static OnnxAttribute Of(string name, OnnxTensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new OnnxAttribute(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value.Proto });
    }
}
