using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>
/// The 2-D window of a convolution or pooling node (kernel, strides, dilations, <c>auto_pad</c> and <c>pads</c>,
/// read by Core's <see cref="SpatialWindow"/>), with what torch needs: padding resolved against the input size at
/// run time (SAME_UPPER and SAME_LOWER depend on it), and whether torch's symmetric padding computes it.
/// </summary>
internal sealed class SpatialPadding
{
    /// <summary>Reads the window attributes of a node whose window is <paramref name="kernel"/>.</summary>
    /// <exception cref="UnsupportedNodeException">The window is not 2-D or an attribute is invalid.</exception>
    public SpatialPadding(NodeContext context, long[] kernel)
    {
        if (kernel.Length != 2)
        {
            throw new UnsupportedNodeException($"only 2-D windows are supported, the kernel has {kernel.Length} dimensions");
        }
        try
        {
            Window = SpatialWindow.Of(context.Node, kernel);
        }
        catch (CnnPerfException e)
        {
            throw new UnsupportedNodeException(e.Message);
        }
    }

    /// <summary>The window.</summary>
    public SpatialWindow Window { get; }

    /// <summary>The kernel (height, width).</summary>
    public long[] Kernel => [.. Window.Kernel];

    /// <summary>The strides (height, width).</summary>
    public long[] Strides => [.. Window.Strides];

    /// <summary>The dilations (height, width).</summary>
    public long[] Dilations => [.. Window.Dilations];

    /// <summary>The padding before and after each spatial axis (height, width) for an input of spatial size <paramref name="input"/>.</summary>
    public (long[] Begin, long[] End) Resolve(ReadOnlySpan<long> input) => Window.Padding(input.ToArray());

    /// <summary>
    /// True when padding both ends of each axis by <paramref name="begin"/> (torch's own symmetric padding) gives the
    /// same windows as padding by <paramref name="begin"/> and <paramref name="end"/>: the windows start at the same
    /// places, so when their number is the same, the cells that differ lie outside every window or are padding either
    /// way (zeros for convolution, ignored for max and exclusive average pooling). Floor-mode output sizes.
    /// </summary>
    public bool IsEquivalentToSymmetric(ReadOnlySpan<long> input, long[] begin, long[] end)
    {
        for (var axis = 0; axis < 2; axis++)
        {
            var (kernel, stride, dilation) = (Window.Kernel[axis], Window.Strides[axis], Window.Dilations[axis]);
            if (begin[axis] != end[axis]
                && SpatialWindow.OutputSize(input[axis], kernel, stride, begin[axis], end[axis], dilation, ceilMode: false)
                != SpatialWindow.OutputSize(input[axis], kernel, stride, begin[axis], begin[axis], dilation, ceilMode: false))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The argument of torch's <c>pad</c> for an NCHW tensor: (left, right, top, bottom).</summary>
    public static long[] TorchPadArgument(long[] begin, long[] end) => [begin[1], end[1], begin[0], end[0]];
}
