namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// What a convolution kernel applies to each output before storing it: a per-channel bias (batch-norm already
/// folded in), an optional residual (a fused <c>Add</c>), then a clamp that expresses the fused activation
/// (ReLU = [0, +inf), ReLU6 = [0, 6], none = (-inf, +inf)).
/// </summary>
internal readonly unsafe struct Epilogue
{
    /// <summary>Creates an epilogue.</summary>
    /// <param name="bias">One value per output channel (never null: zeros when the node has no bias).</param>
    /// <param name="low">Lower clamp bound.</param>
    /// <param name="high">Upper clamp bound.</param>
    public Epilogue(float* bias, float low, float high)
    {
        Bias = bias;
        Low = low;
        High = high;
    }

    /// <summary>One value per output channel.</summary>
    public float* Bias { get; }

    /// <summary>Lower clamp bound.</summary>
    public float Low { get; }

    /// <summary>Upper clamp bound.</summary>
    public float High { get; }

    /// <summary>The same epilogue with the bias starting <paramref name="channels"/> further (for a group).</summary>
    public Epilogue Offset(int channels) => new(Bias + channels, Low, High);

    /// <summary>Applies bias, residual and clamp to one value.</summary>
    public float Apply(float value, int channel, float residual) => Math.Min(Math.Max(value + Bias[channel] + residual, Low), High);
}
