namespace CnnPerf.Backends;

/// <summary>A dense tensor of 32-bit floats in row-major order.</summary>
public sealed class Tensor
{
    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    public Tensor(TensorShape shape) : this(shape, new float[checked((int)shape.ElementCount)]) { }

    /// <summary>Wraps existing data (not copied).</summary>
    /// <exception cref="ArgumentException">The data length does not match the shape.</exception>
    public Tensor(TensorShape shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != shape.ElementCount)
        {
            throw new ArgumentException($"Tensor data has {data.Length} elements but shape {shape} needs {shape.ElementCount}.", nameof(data));
        }
        Shape = shape;
        Data = data;
    }

    /// <summary>The shape.</summary>
    public TensorShape Shape { get; }

    /// <summary>The elements, row-major.</summary>
    public float[] Data { get; }

    /// <summary>
    /// A tensor of uniformly distributed values in [-1, 1) from a seeded generator: the same seed always gives
    /// the same values.
    /// </summary>
    public static Tensor Random(TensorShape shape, int seed)
    {
        var tensor = new Tensor(shape);
        var random = new Random(seed);
        var data = tensor.Data;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 2.0 - 1.0);
        }
        return tensor;
    }
}
