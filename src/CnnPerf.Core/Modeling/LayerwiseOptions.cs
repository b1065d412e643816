namespace CnnPerf.Modeling;

/// <summary>Settings of the layer-wise predictor.</summary>
/// <param name="Lambda">Ridge penalty of every per-type and pooled model (standardized features); keeps collinear features such as input and output bytes of an activation stable.</param>
/// <param name="MinimumSamplesPerType">A type with at least this many measured layers gets a model on every feature.</param>
/// <param name="MinimumSamplesForOneFeature">A type with fewer layers than <paramref name="MinimumSamplesPerType"/> but at least this many gets a model on its single most correlated feature; below, it uses the pooled model.</param>
public sealed record LayerwiseOptions(double Lambda = 0.1, int MinimumSamplesPerType = 8, int MinimumSamplesForOneFeature = 3)
{
    /// <summary>The defaults: lambda 0.1, every feature from 8 layers of a type, one feature from 3.</summary>
    public static LayerwiseOptions Default { get; } = new();
}
