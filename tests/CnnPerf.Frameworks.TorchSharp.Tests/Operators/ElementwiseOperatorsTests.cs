using CnnPerf.Frameworks.TorchSharp.Tests.Support;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Operators;

internal sealed class ElementwiseOperatorsTests : TorchSharpFixture
{
    [Test]
    public void Arithmetic_broadcasts_like_numpy()
    {
        var graph = new TinyGraph([1, 3, 2, 2]);
        graph.Node("Add", ["x", graph.Weights("bias", 3, 1, 1)], "a")
            .Node("Mul", ["a", graph.Weights("scale", 1, 3, 1, 1)], "b")
            .Node("Sub", ["b", "x"], "c")
            .Node("Div", ["c", graph.Floats("two", [1], [2f])], "d")
            .Node("Sum", ["d", "a", "x"], "e")
            .Node("Dropout", ["e"], "f")
            .Node("Identity", ["f"], "y");
        AssertAgreesWithOnnxRuntime(graph, "arithmetic", [1, 3, 2, 2]);
    }
}
