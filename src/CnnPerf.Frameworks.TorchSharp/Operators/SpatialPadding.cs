using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>
/// The padding of a 2-D convolution or pooling node (attributes <c>auto_pad</c> and <c>pads</c>), resolved against
/// the input size at run time because SAME_UPPER and SAME_LOWER depend on it.
/// </summary>
internal sealed class SpatialPadding
{
    private readonly string _autoPad;
    private readonly long[] _pads;

    /// <summary>Reads the padding attributes of a node.</summary>
    /// <exception cref="UnsupportedNodeException">An unknown auto_pad value or a pads list of the wrong length.</exception>
    public SpatialPadding(NodeContext context)
    {
        _autoPad = context.Node.GetString("auto_pad", "NOTSET");
        if (_autoPad is not ("NOTSET" or "VALID" or "SAME_UPPER" or "SAME_LOWER"))
        {
            throw new UnsupportedNodeException($"auto_pad '{_autoPad}' is not an ONNX value");
        }
        _pads = context.Ints("pads", 4, 0);
        if (_pads.Any(p => p < 0))
        {
            throw new UnsupportedNodeException($"negative pads [{string.Join(",", _pads)}] are not supported");
        }
    }

    /// <summary>
    /// The padding before and after each spatial axis (height, width) for an input of spatial size
    /// <paramref name="input"/> and the given window.
    /// </summary>
    public (long[] Begin, long[] End) Resolve(ReadOnlySpan<long> input, long[] kernel, long[] strides, long[] dilations)
    {
        switch (_autoPad)
        {
            case "VALID":
                return ([0, 0], [0, 0]);
            case "SAME_UPPER":
            case "SAME_LOWER":
                var begin = new long[2];
                var end = new long[2];
                for (var axis = 0; axis < 2; axis++)
                {
                    var output = (input[axis] + strides[axis] - 1) / strides[axis];
                    var extent = (kernel[axis] - 1) * dilations[axis] + 1;
                    var total = Math.Max(0, (output - 1) * strides[axis] + extent - input[axis]);
                    begin[axis] = _autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                    end[axis] = total - begin[axis];
                }
                return (begin, end);
            default:
                return ([_pads[0], _pads[1]], [_pads[2], _pads[3]]);
        }
    }

    /// <summary>
    /// True when padding both ends of each axis by <paramref name="begin"/> (torch's own symmetric padding) gives the
    /// same windows as padding by <paramref name="begin"/> and <paramref name="end"/>: the windows start at the same
    /// places, so when their number is the same, the cells that differ lie outside every window or are padding either
    /// way (zeros for convolution, ignored for max and exclusive average pooling). Floor-mode output sizes.
    /// </summary>
    public static bool IsEquivalentToSymmetric(ReadOnlySpan<long> input, long[] kernel, long[] strides, long[] dilations, long[] begin, long[] end)
    {
        for (var axis = 0; axis < 2; axis++)
        {
            var extent = (kernel[axis] - 1) * dilations[axis] + 1;
            var windows = (input[axis] + begin[axis] + end[axis] - extent) / strides[axis];
            var symmetricWindows = (input[axis] + 2 * begin[axis] - extent) / strides[axis];
            if (begin[axis] != end[axis] && windows != symmetricWindows)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The argument of torch's <c>pad</c> for an NCHW tensor: (left, right, top, bottom).</summary>
    public static long[] TorchPadArgument(long[] begin, long[] end) => [begin[1], end[1], begin[0], end[0]];
}
