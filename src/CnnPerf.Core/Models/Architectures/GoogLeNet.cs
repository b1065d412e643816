using CnnPerf.Onnx;

namespace CnnPerf.Models.Architectures;

/// <summary>
/// GoogLeNet / Inception v1 (Szegedy et al., 2014) as published: 5x5 branches, local response
/// normalisation after the first two stages, Caffe-style (ceil-mode) max pooling, no auxiliary classifiers.
/// </summary>
internal static class GoogLeNet
{
    /// <summary>Builds the network with weights drawn from <paramref name="seed"/>.</summary>
    public static byte[] Build(string name, long seed)
    {
        var b = new OnnxGraphBuilder(name, seed);
        var x = b.ImageInput();
        using (b.Scope("stem"))
        {
            x = b.ConvRelu(x, 64, 7, stride: 2, pad: 3);
            x = b.Lrn(b.MaxPool(x, 3, 2, ceilMode: true));
            x = b.ConvRelu(x, 64, 1);
            x = b.ConvRelu(x, 192, 3, pad: 1);
            x = b.MaxPool(b.Lrn(x), 3, 2, ceilMode: true);
        }
        x = Inception(b, "inception_3a", x, 64, 96, 128, 16, 32, 32);
        x = Inception(b, "inception_3b", x, 128, 128, 192, 32, 96, 64);
        x = b.MaxPool(x, 3, 2, ceilMode: true);
        x = Inception(b, "inception_4a", x, 192, 96, 208, 16, 48, 64);
        x = Inception(b, "inception_4b", x, 160, 112, 224, 24, 64, 64);
        x = Inception(b, "inception_4c", x, 128, 128, 256, 24, 64, 64);
        x = Inception(b, "inception_4d", x, 112, 144, 288, 32, 64, 64);
        x = Inception(b, "inception_4e", x, 256, 160, 320, 32, 128, 128);
        x = b.MaxPool(x, 3, 2, ceilMode: true);
        x = Inception(b, "inception_5a", x, 256, 160, 320, 32, 128, 128);
        x = Inception(b, "inception_5b", x, 384, 192, 384, 48, 128, 128);
        using (b.Scope("classifier"))
        {
            x = b.Flatten(b.AveragePool(x, 7, 1));
            x = b.Gemm(x, ZooConventions.Classes);
        }
        return b.Output(x).Build("GoogLeNet (Inception v1) with LRN, no auxiliary heads, seeded random weights");
    }

    private static OnnxValue Inception(OnnxGraphBuilder b, string scope, OnnxValue x, long c1, long r3, long c3, long r5, long c5, long pool)
    {
        using (b.Scope(scope))
        {
            var branch1 = b.ConvRelu(x, c1, 1);
            var branch3 = b.ConvRelu(b.ConvRelu(x, r3, 1), c3, 3, pad: 1);
            var branch5 = b.ConvRelu(b.ConvRelu(x, r5, 1), c5, 5, pad: 2);
            var branchPool = b.ConvRelu(b.MaxPool(x, 3, 1, pad: 1), pool, 1);
            return b.Concat(branch1, branch3, branch5, branchPool);
        }
    }
}
