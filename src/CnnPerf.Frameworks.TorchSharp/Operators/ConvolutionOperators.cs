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
        var kernel = node.GetInts("kernel_shape") ?? node.ConstantInput(1)?.Dimensions.Skip(2).ToArray()
            ?? throw new UnsupportedNodeException("the weights must be a constant when kernel_shape is not given");
        if (kernel.Length != 2)
        {
            throw new UnsupportedNodeException($"only 2-D convolution is supported, kernel_shape has {kernel.Length} dimensions");
        }
        var groups = node.GetInt("group", 1);
        var padding = new SpatialPadding(context, kernel);
        var (strides, dilations) = (padding.Strides, padding.Dilations);
        return inputs =>
        {
            var input = inputs[0]!;
            var weight = inputs[1]!;
            var (begin, end) = padding.Resolve(input.shape.AsSpan(2));
            if (padding.IsEquivalentToSymmetric(input.shape.AsSpan(2), begin, end))
            {
                return F.conv2d(input, weight, inputs.Length > 2 ? inputs[2] : null, strides, begin, dilations, groups);
            }
            using var padded = F.pad(input, SpatialPadding.TorchPadArgument(begin, end));
            return F.conv2d(padded, weight, inputs.Length > 2 ? inputs[2] : null, strides, [0, 0], dilations, groups);
        };
    }
}
