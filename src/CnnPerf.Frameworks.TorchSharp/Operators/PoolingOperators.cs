using CnnPerf.Onnx;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using TorchTensor = TorchSharp.torch.Tensor;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>The ONNX pooling operators on 4-D (NCHW) tensors: MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool.</summary>
internal static class PoolingOperators
{
    /// <summary>Registers the operators.</summary>
    public static void Register(IDictionary<string, Func<NodeContext, OperatorKernel>> catalog)
    {
        catalog["MaxPool"] = MaxPool;
        catalog["AveragePool"] = AveragePool;
        catalog["GlobalAveragePool"] = _ => inputs => inputs[0]!.mean([2, 3], keepdim: true);
        catalog["GlobalMaxPool"] = _ => inputs => inputs[0]!.amax([2, 3], keepdim: true);
    }

    private static OperatorKernel MaxPool(NodeContext context)
    {
        var window = PoolWindow.Read(context);
        if (context.Node.Outputs.Count > 1 && context.Node.Outputs[1].Length > 0)
        {
            throw new UnsupportedNodeException("the Indices output is not supported");
        }
        return inputs =>
        {
            var input = inputs[0]!;
            var (begin, end) = window.Padding.Resolve(input.shape.AsSpan(2));
            if (window.TorchCanPad(input, begin, end, countsPadding: false))
            {
                return MaxPoolChannelsLast(input, window, begin);
            }
            using var padded = F.pad(input, SpatialPadding.TorchPadArgument(begin, end), PaddingModes.Constant, double.NegativeInfinity);
            return MaxPoolChannelsLast(padded, window, [0, 0]);
        };
    }

    /// <summary>
    /// Max pooling computed in channels-last layout and returned contiguous (NCHW). libtorch's CPU kernel for NCHW
    /// max pooling is scalar: on ResNet's stem pool (64x112x112, 3x3, stride 2) it takes about 7 ms here, the layout
    /// round trip plus the vectorised channels-last kernel about 1.2 ms. The maximum is exact either way.
    /// </summary>
    private static TorchTensor MaxPoolChannelsLast(TorchTensor input, PoolWindow window, long[] padding)
    {
        using var channelsLast = input.permute(0, 2, 3, 1).contiguous();
        using var view = channelsLast.permute(0, 3, 1, 2);
        using var pooled = F.max_pool2d(view, window.Kernel, window.Strides, padding, window.Dilations, window.CeilMode);
        return pooled.contiguous();
    }

    private static OperatorKernel AveragePool(NodeContext context)
    {
        var window = PoolWindow.Read(context);
        if (window.Dilations.Any(d => d != 1))
        {
            throw new UnsupportedNodeException("dilated average pooling is not supported");
        }
        var countIncludePad = context.Node.GetInt("count_include_pad", 0) != 0;
        return inputs =>
        {
            var input = inputs[0]!;
            var (begin, end) = window.Padding.Resolve(input.shape.AsSpan(2));
            if (window.TorchCanPad(input, begin, end, countIncludePad))
            {
                return F.avg_pool2d(input, window.Kernel, window.Strides, begin, window.CeilMode, countIncludePad);
            }
            var pad = SpatialPadding.TorchPadArgument(begin, end);
            using var padded = F.pad(input, pad);
            if (countIncludePad)
            {
                return F.avg_pool2d(padded, window.Kernel, window.Strides, [0, 0], window.CeilMode, count_include_pad: true);
            }
            using var sums = F.avg_pool2d(padded, window.Kernel, window.Strides, [0, 0], window.CeilMode, count_include_pad: true);
            // Mean over the real (unpadded) elements only: window means of the data over window means of a mask of ones.
            using var ones = torch.ones(1, 1, input.shape[2], input.shape[3], dtype: input.dtype);
            using var paddedOnes = F.pad(ones, pad);
            using var counts = F.avg_pool2d(paddedOnes, window.Kernel, window.Strides, [0, 0], window.CeilMode, count_include_pad: true);
            return sums / counts;
        };
    }

    /// <summary>The window attributes shared by the pooling operators.</summary>
    private sealed record PoolWindow(long[] Kernel, long[] Strides, long[] Dilations, bool CeilMode, SpatialPadding Padding)
    {
        public static PoolWindow Read(NodeContext context)
        {
            var kernel = context.Node.GetInts("kernel_shape") ?? throw new UnsupportedNodeException("attribute 'kernel_shape' is required");
            if (kernel.Length != 2)
            {
                throw new UnsupportedNodeException($"only 2-D pooling is supported, kernel_shape has {kernel.Length} dimensions");
            }
            var padding = new SpatialPadding(context, kernel);
            return new PoolWindow(kernel, padding.Strides, padding.Dilations, padding.Window.CeilMode, padding);
        }

        /// <summary>
        /// Whether torch's own padding (symmetric, at most half the window) computes this pooling: the padding is
        /// symmetric, or, in floor mode and where padded cells do not count, equivalent to symmetric padding.
        /// </summary>
        public bool TorchCanPad(TorchTensor input, long[] begin, long[] end, bool countsPadding)
        {
            var symmetric = begin[0] == end[0] && begin[1] == end[1]
                || !CeilMode && !countsPadding && Padding.IsEquivalentToSymmetric(input.shape.AsSpan(2), begin, end);
            return symmetric && begin[0] * 2 <= Kernel[0] && begin[1] * 2 <= Kernel[1];
        }
    }
}
