namespace CnnPerf.Backends;

/// <summary>The dimensions of a dense tensor, outermost first (NCHW for images).</summary>
public sealed record TensorShape
{
    private readonly int[] _dimensions;

    /// <summary>Creates a shape; every dimension must be positive.</summary>
    /// <exception cref="ArgumentException">A dimension is zero or negative.</exception>
    public TensorShape(params int[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (var d in dimensions)
        {
            if (d <= 0)
            {
                throw new ArgumentException($"Tensor dimensions must be positive, got [{string.Join(",", dimensions)}].", nameof(dimensions));
            }
        }
        _dimensions = (int[])dimensions.Clone();
    }

    /// <summary>The dimensions.</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dimensions.Length;

    /// <summary>Number of elements.</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in _dimensions)
            {
                count *= d;
            }
            return count;
        }
    }

    /// <summary>A dimension by index.</summary>
    public int this[int index] => _dimensions[index];

    /// <summary>The dimensions as a new array.</summary>
    public int[] ToArray() => (int[])_dimensions.Clone();

    /// <inheritdoc />
    public bool Equals(TensorShape? other) => other is not null && _dimensions.AsSpan().SequenceEqual(other._dimensions);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dimensions)
        {
            hash.Add(d);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(",", _dimensions) + "]";
}
