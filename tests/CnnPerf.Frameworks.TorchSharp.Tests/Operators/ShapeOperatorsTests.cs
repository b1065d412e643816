using CnnPerf.Frameworks.TorchSharp.Tests.Support;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Operators;

internal sealed class ShapeOperatorsTests : TorchSharpFixture
{
    [Test]
    public void Concat_Transpose_Reshape_and_Flatten_rearrange_like_onnx()
    {
        var graph = new TinyGraph([1, 2, 3, 4]);
        graph.Node("Concat", ["x", graph.Weights("other", 1, 1, 3, 4)], "a", ("axis", 1L))
            .Node("Transpose", ["a"], "b", ("perm", new long[] { 0, 2, 3, 1 }))
            .Node("Reshape", ["b", graph.Int64s("shape", 0, -1, 3)], "c")
            .Node("Flatten", ["c"], "y", ("axis", 2L));
        AssertAgreesWithOnnxRuntime(graph, "rearrange", [12, 3]);
    }
}
