namespace CnnPerf.Modeling;

/// <summary>Settings of the layer-wise predictor.</summary>
/// <param name="Lambda">Ridge penalty of every per-type and pooled model (standardized features); keeps collinear features such as input and output bytes of an activation stable.</param>
/// <param name="MinimumSamplesPerType">Fewer measured layers of a type than this and the type uses the pooled model.</param>
public sealed record LayerwiseOptions(double Lambda = 0.1, int MinimumSamplesPerType = 8)
{
    /// <summary>The defaults: lambda 0.1, at least 8 layers per type.</summary>
    public static LayerwiseOptions Default { get; } = new();
}
