using CnnPerf.Onnx;

namespace CnnPerf.Models.Architectures;

/// <summary>SqueezeNet 1.1 (Iandola et al., 2016; the v1.1 variant of the reference implementation).</summary>
internal static class SqueezeNet11
{
    /// <summary>Builds the network with weights drawn from <paramref name="seed"/>.</summary>
    public static byte[] Build(string name, long seed)
    {
        var b = new OnnxGraphBuilder(name, seed);
        var x = b.ImageInput();
        x = b.MaxPool(b.ConvRelu(x, 64, 3, stride: 2), 3, 2);
        x = Fire(b, "fire2", x, 16, 64);
        x = Fire(b, "fire3", x, 16, 64);
        x = b.MaxPool(x, 3, 2);
        x = Fire(b, "fire4", x, 32, 128);
        x = Fire(b, "fire5", x, 32, 128);
        x = b.MaxPool(x, 3, 2);
        x = Fire(b, "fire6", x, 48, 192);
        x = Fire(b, "fire7", x, 48, 192);
        x = Fire(b, "fire8", x, 64, 256);
        x = Fire(b, "fire9", x, 64, 256);
        using (b.Scope("classifier"))
        {
            x = b.ConvRelu(x, ZooConventions.Classes, 1);
            x = b.Flatten(b.GlobalAveragePool(x));
        }
        return b.Output(x).Build("SqueezeNet 1.1, seeded random weights");
    }

    private static OnnxValue Fire(OnnxGraphBuilder b, string scope, OnnxValue x, long squeeze, long expand)
    {
        using (b.Scope(scope))
        {
            var s = b.ConvRelu(x, squeeze, 1);
            return b.Concat(b.ConvRelu(s, expand, 1), b.ConvRelu(s, expand, 3, pad: 1));
        }
    }
}
