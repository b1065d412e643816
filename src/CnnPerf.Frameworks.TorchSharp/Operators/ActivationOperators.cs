using CnnPerf.Onnx;
using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>The ONNX activation operators: Relu, LeakyRelu, Sigmoid, Clip and Softmax.</summary>
internal static class ActivationOperators
{
    /// <summary>Registers the operators.</summary>
    public static void Register(IDictionary<string, Func<NodeContext, OperatorKernel>> catalog)
    {
        catalog["Relu"] = _ => inputs => F.relu(inputs[0]!);
        catalog["LeakyRelu"] = LeakyRelu;
        catalog["Sigmoid"] = _ => inputs => inputs[0]!.sigmoid();
        catalog["Clip"] = Clip;
        catalog["Softmax"] = Softmax;
    }

    private static OperatorKernel LeakyRelu(NodeContext context)
    {
        var alpha = context.Node.GetFloat("alpha", 0.01f);
        return inputs => F.leaky_relu(inputs[0]!, alpha);
    }

    private static OperatorKernel Clip(NodeContext context)
    {
        float min, max;
        if (context.Opset < 11)
        {
            min = context.Node.GetFloat("min", float.NegativeInfinity);
            max = context.Node.GetFloat("max", float.PositiveInfinity);
        }
        else
        {
            min = context.ConstantScalarOrDefault(1, float.NegativeInfinity);
            max = context.ConstantScalarOrDefault(2, float.PositiveInfinity);
        }
        return inputs => inputs[0]!.clamp(min, max);
    }

    /// <summary>Softmax along one axis (opset 13+), or over the input coerced to 2-D at that axis (earlier opsets).</summary>
    private static OperatorKernel Softmax(NodeContext context)
    {
        var coerceTo2D = context.Opset < 13;
        var axis = context.Node.GetInt("axis", coerceTo2D ? 1 : -1);
        return inputs =>
        {
            var input = inputs[0]!;
            var dimension = axis < 0 ? axis + input.dim() : axis;
            if (!coerceTo2D)
            {
                return torch.softmax(input, (int)dimension);
            }
            var outer = input.shape[..(int)dimension].Aggregate(1L, (p, d) => p * d);
            using var flat = input.reshape(outer, -1);
            using var result = torch.softmax(flat, 1);
            return result.reshape(input.shape);
        };
    }
}
