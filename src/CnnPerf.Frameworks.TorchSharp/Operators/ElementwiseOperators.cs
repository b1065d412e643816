using CnnPerf.Onnx;
using TorchSharp;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>
/// Element-wise ONNX arithmetic with numpy-style broadcasting (Add, Sub, Mul, Div, Sum) and the inference
/// identities Dropout and Identity.
/// </summary>
internal static class ElementwiseOperators
{
    /// <summary>Registers the operators.</summary>
    public static void Register(IDictionary<string, Func<NodeContext, OperatorKernel>> catalog)
    {
        catalog["Add"] = context => Binary(context, (a, b) => a + b);
        catalog["Sub"] = context => Binary(context, (a, b) => a - b);
        catalog["Mul"] = context => Binary(context, (a, b) => a * b);
        catalog["Div"] = context => Binary(context, (a, b) => a / b);
        catalog["Sum"] = _ => Sum;
        catalog["Dropout"] = Identity;
        catalog["Identity"] = Identity;
    }

    private static OperatorKernel Binary(NodeContext context, Func<torch.Tensor, torch.Tensor, torch.Tensor> operation)
    {
        if (context.Node.HasAttribute("axis"))
        {
            throw new UnsupportedNodeException("legacy broadcasting along an 'axis' (opset < 7) is not supported");
        }
        return inputs => operation(inputs[0]!, inputs[1]!);
    }

    private static torch.Tensor Sum(torch.Tensor?[] inputs)
    {
        var total = inputs[0]!.clone();
        for (var i = 1; i < inputs.Length; i++)
        {
            total.add_(inputs[i]!);
        }
        return total;
    }

    private static OperatorKernel Identity(NodeContext context)
    {
        if (context.Node.Outputs.Skip(1).Any(o => o.Length > 0))
        {
            throw new UnsupportedNodeException("only the first output is supported (a dropout mask is not produced at inference)");
        }
        return inputs => inputs[0]!.alias();
    }
}
