using System.Runtime.InteropServices;
using Google.Protobuf;

namespace CnnPerf.Onnx;

/// <summary>
/// A constant tensor of an ONNX model: an initializer, the value of a <c>Constant</c> node, or a tensor attribute.
/// Immutable; the values are decoded on each request.
/// </summary>
public sealed class OnnxTensor
{
    private readonly long[] _dimensions;

    /// <summary>
    /// Wraps a tensor of the file; <paramref name="name"/> replaces its own (a Constant node's value is named after the
    /// node's output); <paramref name="hasData"/> is false for an initializer of a model read without its weights.
    /// </summary>
    internal OnnxTensor(TensorProto proto, string? name = null, bool hasData = true)
    {
        Proto = proto;
        HasData = hasData;
        Name = name ?? proto.Name;
        _dimensions = proto.Dims.ToArray();
    }

    /// <summary>The tensor's name (the value it defines).</summary>
    public string Name { get; }

    /// <summary>False for an initializer of a model read without its weights: its values are not there.</summary>
    public bool HasData { get; }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType => (OnnxElementType)Proto.DataType;

    /// <summary>The dimensions (empty for a scalar).</summary>
    public IReadOnlyList<long> Dimensions => _dimensions;

    /// <summary>The number of elements.</summary>
    public long ElementCount => OnnxShapes.ElementCount(_dimensions);

    /// <summary>Bytes of the elements in their stored type.</summary>
    public long ByteCount => ElementCount * ElementSize(ElementType);

    internal TensorProto Proto { get; }

    /// <summary>A FLOAT tensor with the given dimensions and values.</summary>
    /// <exception cref="ArgumentException">The number of values does not match the dimensions.</exception>
    public static OnnxTensor FromFloats(string name, long[] dimensions, float[] values)
    {
        var proto = NewProto(name, OnnxElementType.Float, dimensions, values.Length);
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return new OnnxTensor(proto);
    }

    /// <summary>An INT64 tensor with the given dimensions and values.</summary>
    /// <exception cref="ArgumentException">The number of values does not match the dimensions.</exception>
    public static OnnxTensor FromInt64s(string name, long[] dimensions, long[] values)
    {
        var proto = NewProto(name, OnnxElementType.Int64, dimensions, values.Length);
        proto.Int64Data.AddRange(values);
        return new OnnxTensor(proto);
    }

    /// <summary>The bytes one element of <paramref name="type"/> takes.</summary>
    public static int ElementSize(OnnxElementType type) => type switch
    {
        OnnxElementType.Double or OnnxElementType.Int64 or OnnxElementType.UInt64 => 8,
        OnnxElementType.Float16 or OnnxElementType.Int16 or OnnxElementType.UInt16 => 2,
        OnnxElementType.Int8 or OnnxElementType.UInt8 or OnnxElementType.Bool => 1,
        _ => 4,
    };

    /// <summary>The dimensions as 32-bit integers.</summary>
    /// <exception cref="OverflowException">A dimension does not fit.</exception>
    public int[] IntDimensions() => _dimensions.Select(d => checked((int)d)).ToArray();

    /// <summary>The values of a FLOAT tensor, from <c>raw_data</c> or <c>float_data</c> (a new array each call).</summary>
    /// <exception cref="CnnPerfException">The tensor is not of type FLOAT or its data is inconsistent with its shape.</exception>
    public float[] ToFloats()
    {
        CheckData(OnnxElementType.Float);
        var values = Proto.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(Proto.RawData.Span).ToArray()
            : Proto.FloatData.ToArray();
        if (values.Length != ElementCount)
        {
            throw new CnnPerfException($"ONNX tensor '{Name}' holds {values.Length} values but its shape [{string.Join(",", _dimensions)}] needs {ElementCount}");
        }
        return values;
    }

    /// <summary>The values of an INT64 tensor (for example a Reshape target shape).</summary>
    /// <exception cref="CnnPerfException">The tensor is not of type INT64.</exception>
    public long[] ToInt64s()
    {
        CheckData(OnnxElementType.Int64);
        return Proto.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, long>(Proto.RawData.Span).ToArray()
            : Proto.Int64Data.ToArray();
    }

    private void CheckData(OnnxElementType expected)
    {
        if (ElementType != expected)
        {
            throw new CnnPerfException($"ONNX tensor '{Name}' has data type {ElementType}, expected {expected}");
        }
        if (!HasData)
        {
            throw new CnnPerfException($"the values of ONNX tensor '{Name}' were not read (the model was read without its weights)");
        }
    }

    private static TensorProto NewProto(string name, OnnxElementType type, long[] dimensions, int valueCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (OnnxShapes.ElementCount(dimensions) != valueCount)
        {
            throw new ArgumentException($"tensor '{name}': {valueCount} values do not fill the shape [{string.Join(",", dimensions)}]");
        }
        var proto = new TensorProto { Name = name, DataType = (int)type };
        proto.Dims.AddRange(dimensions);
        return proto;
    }
}
