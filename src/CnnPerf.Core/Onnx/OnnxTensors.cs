using System.Runtime.InteropServices;

namespace CnnPerf.Onnx;

/// <summary>Converts ONNX tensors (initializers and tensor attributes) to plain arrays.</summary>
public static class OnnxTensors
{
    /// <summary>The tensor's dimensions as 32-bit integers.</summary>
    public static int[] Dimensions(TensorProto tensor) => tensor.Dims.Select(d => checked((int)d)).ToArray();

    /// <summary>The values of a FLOAT tensor, from <c>raw_data</c> or <c>float_data</c>.</summary>
    /// <exception cref="CnnPerfException">The tensor is not of type FLOAT or its data is inconsistent with its shape.</exception>
    public static float[] ToFloats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new CnnPerfException($"ONNX tensor '{tensor.Name}' has data type {tensor.DataType}, expected FLOAT (1)");
        }
        var expected = ElementCount(tensor);
        float[] values = tensor.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
            : tensor.FloatData.ToArray();
        if (values.Length != expected)
        {
            throw new CnnPerfException($"ONNX tensor '{tensor.Name}' holds {values.Length} values but its shape [{string.Join(",", tensor.Dims)}] needs {expected}");
        }
        return values;
    }

    /// <summary>The values of an INT64 tensor (for example a Reshape target shape).</summary>
    /// <exception cref="CnnPerfException">The tensor is not of type INT64.</exception>
    public static long[] ToInt64s(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Int64)
        {
            throw new CnnPerfException($"ONNX tensor '{tensor.Name}' has data type {tensor.DataType}, expected INT64 (7)");
        }
        return tensor.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray()
            : tensor.Int64Data.ToArray();
    }

    private static long ElementCount(TensorProto tensor)
    {
        long count = 1;
        foreach (var d in tensor.Dims)
        {
            count *= d;
        }
        return count;
    }
}
