namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>A clamp-shaped activation: ReLU, ReLU6 / Clip, or none.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
internal readonly record struct Activation(float Low, float High)
{
    /// <summary>No activation.</summary>
    public static Activation None { get; } = new(float.NegativeInfinity, float.PositiveInfinity);

    /// <summary>ReLU.</summary>
    public static Activation Relu { get; } = new(0f, float.PositiveInfinity);

    /// <summary>True when this clamps nothing.</summary>
    public bool IsNone => float.IsNegativeInfinity(Low) && float.IsPositiveInfinity(High);

    /// <summary>This activation followed by <paramref name="next"/>.</summary>
    public Activation Then(Activation next) => new(Math.Min(Math.Max(Low, next.Low), next.High), Math.Max(Math.Min(High, next.High), next.Low));
}
