namespace CnnPerf.Onnx;

/// <summary>
/// The sliding window of a convolution or pooling node over its spatial axes: kernel, strides, dilations and
/// padding (explicit <c>pads</c>, or <c>auto_pad</c> VALID, SAME_UPPER or SAME_LOWER), and for pooling the ceil
/// mode. The one place of CnnPerf that turns these into padding and output sizes.
/// </summary>
public sealed class SpatialWindow
{
    private readonly long[] _kernel;
    private readonly long[] _strides;
    private readonly long[] _dilations;
    private readonly long[] _pads;

    private SpatialWindow(long[] kernel, long[] strides, long[] dilations, long[] pads, string autoPad, bool ceilMode)
    {
        _kernel = kernel;
        _strides = strides;
        _dilations = dilations;
        _pads = pads;
        AutoPad = autoPad;
        CeilMode = ceilMode;
    }

    /// <summary>The window size along each spatial axis.</summary>
    public IReadOnlyList<long> Kernel => _kernel;

    /// <summary>The step along each spatial axis.</summary>
    public IReadOnlyList<long> Strides => _strides;

    /// <summary>The spacing of the window's taps along each spatial axis (1: adjacent).</summary>
    public IReadOnlyList<long> Dilations => _dilations;

    /// <summary>The <c>auto_pad</c> value: NOTSET (explicit pads), VALID, SAME_UPPER or SAME_LOWER.</summary>
    public string AutoPad { get; }

    /// <summary>True when the output size is rounded up (pooling's <c>ceil_mode</c>).</summary>
    public bool CeilMode { get; }

    /// <summary>The number of spatial axes.</summary>
    public int Rank => _kernel.Length;

    /// <summary>
    /// Reads the window attributes of <paramref name="node"/> (strides, dilations, pads, auto_pad, ceil_mode) for a
    /// window of size <paramref name="kernel"/>: a pooling node's <c>kernel_shape</c>, or a convolution's
    /// <c>kernel_shape</c> or weight dimensions.
    /// </summary>
    /// <exception cref="CnnPerfException">An attribute has the wrong length or an invalid value.</exception>
    public static SpatialWindow Of(OnnxNode node, IReadOnlyList<long> kernel)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(kernel);
        var rank = kernel.Count;
        var strides = Ints(node, "strides", rank, 1);
        var dilations = Ints(node, "dilations", rank, 1);
        var pads = Ints(node, "pads", 2 * rank, 0);
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "VALID" or "SAME_UPPER" or "SAME_LOWER"))
        {
            throw new CnnPerfException($"auto_pad '{autoPad}' is not an ONNX value");
        }
        if (kernel.Any(k => k <= 0) || strides.Any(s => s <= 0) || dilations.Any(d => d <= 0) || pads.Any(p => p < 0))
        {
            throw new CnnPerfException($"window kernel {OnnxShapes.Format(kernel)}, strides {OnnxShapes.Format(strides)}, dilations {OnnxShapes.Format(dilations)}, pads {OnnxShapes.Format(pads)} are not all positive");
        }
        return new SpatialWindow([.. kernel], strides, dilations, pads, autoPad, node.GetInt("ceil_mode", 0) != 0);
    }

    /// <summary>The padding before and after each spatial axis for an input of spatial size <paramref name="input"/>.</summary>
    public (long[] Begin, long[] End) Padding(IReadOnlyList<long> input)
    {
        CheckRank(input);
        var begin = new long[Rank];
        var end = new long[Rank];
        for (var axis = 0; axis < Rank; axis++)
        {
            switch (AutoPad)
            {
                case "VALID":
                    break;
                case "SAME_UPPER":
                case "SAME_LOWER":
                    var output = (input[axis] + _strides[axis] - 1) / _strides[axis];
                    var total = Math.Max(0, (output - 1) * _strides[axis] + Extent(axis) - input[axis]);
                    // The odd cell goes after the input for SAME_UPPER, before it for SAME_LOWER.
                    begin[axis] = AutoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                    end[axis] = total - begin[axis];
                    break;
                default:
                    begin[axis] = _pads[axis];
                    end[axis] = _pads[axis + Rank];
                    break;
            }
        }
        return (begin, end);
    }

    /// <summary>The output size along each spatial axis for an input of spatial size <paramref name="input"/>.</summary>
    /// <exception cref="CnnPerfException">The window is larger than the padded input.</exception>
    public long[] OutputSize(IReadOnlyList<long> input)
    {
        var (begin, end) = Padding(input);
        var output = new long[Rank];
        for (var axis = 0; axis < Rank; axis++)
        {
            output[axis] = AutoPad is "SAME_UPPER" or "SAME_LOWER"
                ? (input[axis] + _strides[axis] - 1) / _strides[axis]
                : OutputSize(input[axis], _kernel[axis], _strides[axis], begin[axis], end[axis], _dilations[axis], CeilMode);
        }
        return output;
    }

    /// <summary>
    /// The output size of a sliding window along one axis: <c>(input + padding - extent) / stride + 1</c>, where the
    /// extent is <c>dilation * (kernel - 1) + 1</c>, rounded down, or up in ceil mode (where the last window must
    /// still start inside the input or its leading padding).
    /// </summary>
    /// <exception cref="CnnPerfException">The window is larger than the padded input.</exception>
    public static long OutputSize(long input, long kernel, long stride, long padBegin, long padEnd, long dilation, bool ceilMode)
    {
        var extent = dilation * (kernel - 1) + 1;
        var span = input + padBegin + padEnd - extent;
        if (span < 0)
        {
            throw new CnnPerfException($"window {extent} is larger than the padded input {input + padBegin + padEnd}");
        }
        var output = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceilMode && (output - 1) * stride >= input + padBegin)
        {
            output--;
        }
        return output;
    }

    private long Extent(int axis) => _dilations[axis] * (_kernel[axis] - 1) + 1;

    private void CheckRank(IReadOnlyList<long> input)
    {
        if (input.Count != Rank)
        {
            throw new CnnPerfException($"a {Rank}-D window does not fit spatial input {OnnxShapes.Format(input)}");
        }
    }

    private static long[] Ints(OnnxNode node, string name, int count, long fill)
    {
        var values = node.GetInts(name) ?? Enumerable.Repeat(fill, count).ToArray();
        return values.Length == count
            ? values
            : throw new CnnPerfException($"attribute {name} has {values.Length} values, expected {count}");
    }
}
