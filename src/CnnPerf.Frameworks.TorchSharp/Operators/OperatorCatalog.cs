namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>Every ONNX operator (default domain) the interpreter maps to torch operations, by operator type.</summary>
internal static class OperatorCatalog
{
    private static readonly Dictionary<string, Func<NodeContext, OperatorKernel>> _factories = Build();

    /// <summary>The supported operator types, sorted (Constant is folded at compile time and also supported).</summary>
    public static IReadOnlyList<string> SupportedOperators { get; } = [.. _factories.Keys.Append("Constant").Order(StringComparer.Ordinal)];

    /// <summary>Finds the factory that compiles nodes of an operator type.</summary>
    public static bool TryGet(string opType, out Func<NodeContext, OperatorKernel> factory) =>
        _factories.TryGetValue(opType, out factory!);

    private static Dictionary<string, Func<NodeContext, OperatorKernel>> Build()
    {
        var catalog = new Dictionary<string, Func<NodeContext, OperatorKernel>>(StringComparer.Ordinal);
        ConvolutionOperators.Register(catalog);
        PoolingOperators.Register(catalog);
        NormalizationOperators.Register(catalog);
        ActivationOperators.Register(catalog);
        ElementwiseOperators.Register(catalog);
        MatrixOperators.Register(catalog);
        ShapeOperators.Register(catalog);
        return catalog;
    }
}
