namespace CnnPerf.Onnx;

/// <summary>Arithmetic on tensor shapes.</summary>
public static class OnnxShapes
{
    /// <summary>The number of elements of a tensor of <paramref name="shape"/> (1 for a scalar).</summary>
    public static long ElementCount(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long product = 1;
        foreach (var d in shape)
        {
            product *= d;
        }
        return product;
    }

    /// <summary>The shape as text, for example <c>[1,64,56,56]</c>.</summary>
    public static string Format(IEnumerable<long> shape) => "[" + string.Join(",", shape) + "]";
}
