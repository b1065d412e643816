using CnnPerf.Frameworks.Managed.Kernels;

namespace CnnPerf.Frameworks.Managed.Planning;

/// <summary>Chooses and builds the convolution kernel of one layer for a requested technique.</summary>
internal static class ConvolutionFactory
{
    /// <summary>
    /// Input channels from which Winograd beats im2col + GEMM: each of its 16 GEMMs reduces over the input channels
    /// only, so with few of them the transforms and the micro-kernel's stores dominate (squeezenet1_1's 3x3 layers,
    /// one thread: im2col 1.7x faster at 16 channels, even at 32, Winograd 1.3-1.5x faster from 48).
    /// </summary>
    public const int WinogradMinimumInputChannels = 48;

    /// <summary>
    /// The technique used for a layer: the requested one where it applies, otherwise the automatic choice
    /// (depthwise kernel for depthwise layers, Winograd for 3x3 stride-1 layers with at least
    /// <see cref="WinogradMinimumInputChannels"/> input channels, im2col + GEMM for the rest).
    /// </summary>
    public static ConvolutionTechnique Choose(ConvolutionGeometry geometry, ConvolutionTechnique requested) => requested switch
    {
        ConvolutionTechnique.Direct or ConvolutionTechnique.Im2Col => requested,
        ConvolutionTechnique.Depthwise when geometry.IsDepthwise => requested,
        ConvolutionTechnique.Winograd when geometry.IsWinogradCandidate => requested,
        _ => Automatic(geometry),
    };

    /// <summary>Builds the kernel for <paramref name="technique"/> (which must apply to the layer).</summary>
    public static ConvolutionKernel Create(ConvolutionTechnique technique, ConvolutionGeometry geometry, float[] weights, float[] bias, Activation activation) => technique switch
    {
        ConvolutionTechnique.Direct => new DirectConvolution(geometry, weights, bias, activation),
        ConvolutionTechnique.Depthwise => new DepthwiseConvolution(geometry, weights, bias, activation),
        ConvolutionTechnique.Winograd => new WinogradConvolution(geometry, weights, bias, activation),
        _ => new Im2ColConvolution(geometry, weights, bias, activation),
    };

    private static ConvolutionTechnique Automatic(ConvolutionGeometry geometry)
    {
        if (geometry.IsDepthwise)
        {
            return ConvolutionTechnique.Depthwise;
        }
        if (geometry.IsWinogradCandidate && geometry.InChannels >= WinogradMinimumInputChannels && geometry.OutChannels >= 16)
        {
            return ConvolutionTechnique.Winograd;
        }
        return ConvolutionTechnique.Im2Col;
    }
}
