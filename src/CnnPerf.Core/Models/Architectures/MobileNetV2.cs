using CnnPerf.Onnx;

namespace CnnPerf.Models.Architectures;

/// <summary>MobileNet v2 (Sandler et al., 2018), width 1.0, 224x224: inverted residuals with ReLU6.</summary>
internal static class MobileNetV2
{
    private static readonly (long Expansion, long Channels, int Repeats, long Stride)[] Stages =
    [
        (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1),
    ];

    /// <summary>Builds the network with weights drawn from <paramref name="seed"/>.</summary>
    public static byte[] Build(string name, long seed)
    {
        var b = new OnnxGraphBuilder(name, seed);
        var x = b.ImageInput();
        x = b.Relu6(b.ConvBn(x, 32, 3, stride: 2));
        var block = 0;
        foreach (var (expansion, channels, repeats, stride) in Stages)
        {
            for (var i = 0; i < repeats; i++)
            {
                using (b.Scope($"block{++block}"))
                {
                    x = InvertedResidual(b, x, expansion, channels, i == 0 ? stride : 1);
                }
            }
        }
        x = b.Relu6(b.ConvBn(x, 1280, 1));
        using (b.Scope("classifier"))
        {
            x = b.PoolAndClassify(x, ZooConventions.Classes);
        }
        return b.Output(x).Build("MobileNet v2 1.0-224, seeded random weights");
    }

    private static OnnxValue InvertedResidual(OnnxGraphBuilder b, OnnxValue x, long expansion, long channels, long stride)
    {
        var hidden = x.Channels * expansion;
        var y = expansion == 1 ? x : b.Relu6(b.ConvBn(x, hidden, 1));
        y = b.Relu6(b.ConvBn(y, hidden, 3, stride, groups: hidden));
        y = b.ConvBn(y, channels, 1);
        return stride == 1 && x.Channels == channels ? b.Add(x, y) : y;
    }
}
