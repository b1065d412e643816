namespace CnnPerf.Frameworks.Managed;

/// <summary>How the managed engine computes convolutions (backend setting <c>conv</c>).</summary>
public enum ConvolutionTechnique
{
    /// <summary>Chooses per layer: depthwise kernel for depthwise layers, Winograd for 3x3 stride-1 layers of at least 48 input channels, im2col + GEMM otherwise.</summary>
    Auto,

    /// <summary>Direct loops over output rows: no transformation and no extra memory. Applies to every layer.</summary>
    Direct,

    /// <summary>im2col into packed panels + register-blocked GEMM. Applies to every layer.</summary>
    Im2Col,

    /// <summary>A kernel specialised for depthwise layers; other layers use the <see cref="Auto"/> choice.</summary>
    Depthwise,

    /// <summary>Winograd F(2x2,3x3) for 3x3 stride-1 layers; other layers use the <see cref="Auto"/> choice.</summary>
    Winograd,
}
