using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>The shape of one 2-D convolution of a single image (NCHW, batch handled by the caller).</summary>
internal sealed record ConvolutionGeometry(
    int InChannels, int InHeight, int InWidth,
    int OutChannels, int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth, int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft, int PadBottom, int PadRight, int Groups)
{
    /// <summary>Output height (computed once: kernels read it in inner loops).</summary>
    public int OutHeight { get; } = (int)SpatialWindow.OutputSize(InHeight, KernelHeight, StrideHeight, PadTop, PadBottom, DilationHeight, ceilMode: false);

    /// <summary>Output width (computed once: kernels read it in inner loops).</summary>
    public int OutWidth { get; } = (int)SpatialWindow.OutputSize(InWidth, KernelWidth, StrideWidth, PadLeft, PadRight, DilationWidth, ceilMode: false);

    /// <summary>Rows of the padded input that the output rows' windows cover, from the first padding row on.</summary>
    public int WindowRows => (OutHeight - 1) * StrideHeight + (KernelHeight - 1) * DilationHeight + 1;

    /// <summary>Input channels per group.</summary>
    public int InChannelsPerGroup => InChannels / Groups;

    /// <summary>Output channels per group.</summary>
    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Reduction length of one output: input channels per group times the kernel area.</summary>
    public int ReductionLength => InChannelsPerGroup * KernelHeight * KernelWidth;

    /// <summary>Input plane size.</summary>
    public int InPlane => InHeight * InWidth;

    /// <summary>Output plane size.</summary>
    public int OutPlane => OutHeight * OutWidth;

    /// <summary>One filter per input channel (channel multiplier 1).</summary>
    public bool IsDepthwise => Groups > 1 && Groups == InChannels && OutChannels == InChannels;

    /// <summary>A 1x1 kernel with stride 1 and no padding: the input planes are the im2col matrix itself.</summary>
    public bool IsPointwise => KernelHeight == 1 && KernelWidth == 1 && StrideHeight == 1 && StrideWidth == 1
        && PadTop == 0 && PadLeft == 0 && PadBottom == 0 && PadRight == 0;

    /// <summary>A 3x3 kernel with stride 1 and dilation 1: Winograd F(2x2,3x3) applies.</summary>
    public bool IsWinogradCandidate => Groups == 1 && KernelHeight == 3 && KernelWidth == 3 && StrideHeight == 1 && StrideWidth == 1
        && DilationHeight == 1 && DilationWidth == 1;

    /// <summary>The input row read by output row <paramref name="oy"/> at kernel row <paramref name="ky"/>.</summary>
    public int InputRow(int oy, int ky) => oy * StrideHeight - PadTop + ky * DilationHeight;

    /// <summary>The input column read by output column <paramref name="ox"/> at kernel column <paramref name="kx"/>.</summary>
    public int InputColumn(int ox, int kx) => ox * StrideWidth - PadLeft + kx * DilationWidth;

    /// <summary>
    /// The output columns [first, end) whose input column for kernel column <paramref name="kx"/> lies inside the image.
    /// </summary>
    public (int First, int End) ValidColumns(int kx)
    {
        var offset = kx * DilationWidth - PadLeft;
        var first = offset >= 0 ? 0 : (-offset + StrideWidth - 1) / StrideWidth;
        var end = InWidth - 1 - offset < 0 ? 0 : (InWidth - 1 - offset) / StrideWidth + 1;
        return (first, Math.Max(first, Math.Min(end, OutWidth)));
    }
}
