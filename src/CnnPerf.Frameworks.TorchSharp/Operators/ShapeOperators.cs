using CnnPerf.Onnx;
using TorchSharp;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>ONNX operators that rearrange tensors: Flatten, Reshape, Concat and Transpose.</summary>
internal static class ShapeOperators
{
    /// <summary>Registers the operators.</summary>
    public static void Register(IDictionary<string, Func<NodeContext, OperatorKernel>> catalog)
    {
        catalog["Flatten"] = Flatten;
        catalog["Reshape"] = Reshape;
        catalog["Concat"] = Concat;
        catalog["Transpose"] = Transpose;
    }

    private static OperatorKernel Flatten(NodeContext context)
    {
        var axis = context.Node.GetInt("axis", 1);
        return inputs =>
        {
            var input = inputs[0]!;
            var split = (int)(axis < 0 ? axis + input.dim() : axis);
            var outer = input.shape[..split].Aggregate(1L, (p, d) => p * d);
            return input.reshape(outer, -1);
        };
    }

    private static OperatorKernel Reshape(NodeContext context)
    {
        var target = context.Opset < 5
            ? context.Node.GetInts("shape") ?? throw new UnsupportedNodeException("attribute 'shape' is required")
            : context.ConstantInt64s(1);
        var allowZero = context.Node.GetInt("allowzero", 0) != 0;
        return inputs =>
        {
            var input = inputs[0]!;
            var shape = (long[])target.Clone();
            for (var i = 0; i < shape.Length; i++)
            {
                if (shape[i] == 0 && !allowZero)
                {
                    shape[i] = input.shape[i];
                }
            }
            return input.reshape(shape);
        };
    }

    private static OperatorKernel Concat(NodeContext context)
    {
        var axis = context.Node.GetInt("axis", context.Opset < 4 ? 1 : long.MinValue);
        if (axis == long.MinValue)
        {
            throw new UnsupportedNodeException("attribute 'axis' is required");
        }
        return inputs => torch.cat(inputs.Select(t => t!).ToList(), axis);
    }

    private static OperatorKernel Transpose(NodeContext context)
    {
        var permutation = context.Node.GetInts("perm");
        return inputs =>
        {
            var input = inputs[0]!;
            var order = permutation ?? Enumerable.Range(0, (int)input.dim()).Reverse().Select(i => (long)i).ToArray();
            return input.permute(order);
        };
    }
}
