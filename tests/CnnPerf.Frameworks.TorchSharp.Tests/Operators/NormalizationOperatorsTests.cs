using CnnPerf.Backends;
using CnnPerf.Frameworks.TorchSharp.Tests.Support;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Operators;

internal sealed class NormalizationOperatorsTests : TorchSharpFixture
{
    [Test]
    public void LRN_matches_onnxruntime()
    {
        var graph = new TinyGraph([1, 8, 3, 3]);
        graph.Node("LRN", ["x"], "y", ("size", 5L), ("alpha", 0.5f), ("beta", 0.75f), ("bias", 2f));
        AssertAgreesWithOnnxRuntime(graph, "lrn_5", [1, 8, 3, 3]);
    }

    // ONNX Runtime refuses even sizes; ONNX puts the extra channel after the centre (torch's local_response_norm
    // puts it before), so the spec's formula is computed here directly.
    [TestCase(4L)]
    [TestCase(5L)]
    public void LRN_follows_the_onnx_formula(long size)
    {
        const float alpha = 0.5f, beta = 0.75f, bias = 2f;
        const int channels = 6, pixels = 4;
        var graph = new TinyGraph([1, channels, 2, 2]);
        graph.Node("LRN", ["x"], "y", ("size", size), ("alpha", alpha), ("beta", beta), ("bias", bias));
        using var session = Backend.Load(graph.Save(Folder, $"lrn_formula_{size}"), BackendOptions.Default);
        var input = Tensor.Random(session.InputShape, 3);
        var output = new Tensor(session.OutputShape);

        session.Run(input, output);

        var expected = new float[input.Data.Length];
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < pixels; p++)
            {
                double squares = 0;
                for (var k = c - (int)((size - 1) / 2); k <= c + (int)(size / 2); k++)
                {
                    if (k is >= 0 and < channels)
                    {
                        squares += Math.Pow(input.Data[k * pixels + p], 2);
                    }
                }
                expected[c * pixels + p] = (float)(input.Data[c * pixels + p] / Math.Pow(bias + alpha / size * squares, beta));
            }
        }
        Assert.That(Reference.MaxRelativeDifference(expected, output.Data), Is.LessThanOrEqualTo(1e-6));
    }

    [Test]
    public void BatchNormalization_uses_the_running_statistics()
    {
        var graph = new TinyGraph([1, 3, 4, 4]);
        graph.Floats("var", [3], [0.5f, 1.5f, 2.5f]);
        graph.Node("BatchNormalization", ["x", graph.Weights("scale", 3), graph.Weights("bias", 3), graph.Weights("mean", 3), "var"], "y",
            ("epsilon", 1e-3f));
        AssertAgreesWithOnnxRuntime(graph, "batchnorm", [1, 3, 4, 4]);
    }
}
