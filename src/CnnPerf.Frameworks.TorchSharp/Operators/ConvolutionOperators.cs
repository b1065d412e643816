using CnnPerf.Onnx;
using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>The ONNX Conv operator on 4-D (NCHW) tensors.</summary>
internal static class ConvolutionOperators
{
    /// <summary>Registers the operator.</summary>
    public static void Register(IDictionary<string, Func<NodeContext, OperatorKernel>> catalog)
    {
        catalog["Conv"] = Conv;
    }

    private static OperatorKernel Conv(NodeContext context)
    {
        var node = context.Node;
        if (node.GetInts("kernel_shape") is { Length: not 2 } kernelShape)
        {
            throw new UnsupportedNodeException($"only 2-D convolution is supported, kernel_shape has {kernelShape.Length} dimensions");
        }
        var strides = context.Ints("strides", 2, 1);
        var dilations = context.Ints("dilations", 2, 1);
        var groups = node.GetInt("group", 1);
        var padding = new SpatialPadding(context);
        return inputs =>
        {
            var input = inputs[0]!;
            var weight = inputs[1]!;
            var kernel = weight.shape[2..];
            var (begin, end) = padding.Resolve(input.shape.AsSpan(2), kernel, strides, dilations);
            if (SpatialPadding.IsEquivalentToSymmetric(input.shape.AsSpan(2), kernel, strides, dilations, begin, end))
            {
                return F.conv2d(input, weight, inputs.Length > 2 ? inputs[2] : null, strides, begin, dilations, groups);
            }
            using var padded = F.pad(input, SpatialPadding.TorchPadArgument(begin, end));
            return F.conv2d(padded, weight, inputs.Length > 2 ? inputs[2] : null, strides, [0, 0], dilations, groups);
        };
    }
}
