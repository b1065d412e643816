using CnnPerf.Frameworks.TorchSharp.Tests.Support;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Operators;

internal sealed class MatrixOperatorsTests : TorchSharpFixture
{
    [Test]
    public void Gemm_with_transB_is_a_fully_connected_layer()
    {
        var graph = new TinyGraph([2, 6]);
        graph.Node("Gemm", ["x", graph.Weights("w", 5, 6), graph.Weights("b", 5)], "y", ("transB", 1L));
        AssertAgreesWithOnnxRuntime(graph, "gemm_transb", [2, 5]);
    }

    [Test]
    public void Gemm_with_transA_alpha_and_beta_scales_both_terms()
    {
        var graph = new TinyGraph([6, 2]);
        graph.Node("Gemm", ["x", graph.Weights("w", 6, 5), graph.Weights("c", 2, 5)], "y",
            ("transA", 1L), ("alpha", 0.5f), ("beta", 2f));
        AssertAgreesWithOnnxRuntime(graph, "gemm_transa_alpha_beta", [2, 5]);
    }

    [Test]
    public void MatMul_multiplies_by_a_constant()
    {
        var graph = new TinyGraph([3, 4]);
        graph.Node("MatMul", ["x", graph.Weights("w", 4, 2)], "y");
        AssertAgreesWithOnnxRuntime(graph, "matmul", [3, 2]);
    }
}
