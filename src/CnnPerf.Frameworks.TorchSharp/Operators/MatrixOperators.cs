using CnnPerf.Onnx;
using TorchSharp;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>The ONNX matrix operators: Gemm and MatMul.</summary>
internal static class MatrixOperators
{
    /// <summary>Registers the operators.</summary>
    public static void Register(IDictionary<string, Func<NodeContext, OperatorKernel>> catalog)
    {
        catalog["Gemm"] = Gemm;
        catalog["MatMul"] = _ => inputs => torch.matmul(inputs[0]!, inputs[1]!);
    }

    /// <summary>Y = alpha * A' * B' + beta * C, where A' and B' are A and B, transposed when transA and transB say so.</summary>
    private static OperatorKernel Gemm(NodeContext context)
    {
        var node = context.Node;
        var transposeA = node.GetInt("transA", 0) != 0;
        var transposeB = node.GetInt("transB", 0) != 0;
        var alpha = node.GetFloat("alpha", 1f);
        var beta = node.GetFloat("beta", 1f);
        return inputs =>
        {
            var a = transposeA ? inputs[0]!.t() : inputs[0]!;
            var b = transposeB ? inputs[1]!.t() : inputs[1]!;
            var c = inputs.Length > 2 ? inputs[2] : null;
            return c is null
                ? (alpha == 1f ? torch.mm(a, b) : torch.mm(a, b).mul_(alpha))
                : torch.addmm(c, a, b, beta, alpha);
        };
    }
}
