using CnnPerf.Onnx;
using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>The ONNX normalization operators: BatchNormalization (inference form) and LRN.</summary>
internal static class NormalizationOperators
{
    /// <summary>Registers the operators.</summary>
    public static void Register(IDictionary<string, Func<NodeContext, OperatorKernel>> catalog)
    {
        catalog["BatchNormalization"] = BatchNormalization;
        catalog["LRN"] = LocalResponseNormalization;
    }

    private static OperatorKernel BatchNormalization(NodeContext context)
    {
        var node = context.Node;
        if (node.GetInt("spatial", 1) != 1)
        {
            throw new UnsupportedNodeException("only spatial=1 batch normalization is supported");
        }
        if (node.GetInt("training_mode", 0) != 0 || node.Outputs.Skip(1).Any(o => o.Length > 0))
        {
            throw new UnsupportedNodeException("training-mode batch normalization (running statistics outputs) is not supported");
        }
        if (node.Inputs.Count != 5)
        {
            throw new UnsupportedNodeException($"expected 5 inputs (X, scale, B, mean, var), found {node.Inputs.Count}");
        }
        var epsilon = node.GetFloat("epsilon", 1e-5f);
        return inputs => F.batch_norm(inputs[0]!, inputs[3]!, inputs[4]!, inputs[1], inputs[2], training: false, eps: epsilon);
    }

    /// <summary>
    /// ONNX LRN: y = x / (bias + alpha / size * square_sum) ^ beta, where square_sum runs over the channels
    /// c - floor((size - 1) / 2) .. c + ceil((size - 1) / 2). torch's local_response_norm centres an even window
    /// the other way round, so the window sum is computed here.
    /// </summary>
    private static OperatorKernel LocalResponseNormalization(NodeContext context)
    {
        var node = context.Node;
        var size = node.GetInt("size", 0);
        if (size <= 0)
        {
            throw new UnsupportedNodeException("attribute 'size' must be a positive integer");
        }
        var alpha = node.GetFloat("alpha", 1e-4f);
        var beta = node.GetFloat("beta", 0.75f);
        var bias = node.GetFloat("bias", 1f);
        var before = (size - 1) / 2;
        var after = size - 1 - before;
        return inputs =>
        {
            var input = inputs[0]!;
            var shape = input.shape;
            // [N, 1, C, H*W]: the channel axis becomes a pooling axis; pad it with zeros, then average `size` channels.
            using var squares = input.square().reshape(shape[0], 1, shape[1], -1);
            using var padded = F.pad(squares, [0, 0, before, after]);
            using var means = F.avg_pool2d(padded, [size, 1], [1, 1]);
            using var denominator = means.reshape(shape).mul_(alpha).add_(bias).pow_(beta);
            return input / denominator;
        };
    }
}
