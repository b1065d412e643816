using CnnPerf.Onnx;

namespace CnnPerf.Models.Architectures;

/// <summary>MobileNet v1 (Howard et al., 2017), width 1.0, 224x224, ReLU as in the paper.</summary>
internal static class MobileNetV1
{
    private static readonly (long Channels, long Stride)[] Blocks =
    [
        (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
        (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
    ];

    /// <summary>Builds the network with weights drawn from <paramref name="seed"/>.</summary>
    public static byte[] Build(string name, long seed)
    {
        var b = new OnnxGraphBuilder(name, seed);
        var x = b.ImageInput();
        x = b.Relu(b.ConvBn(x, 32, 3, stride: 2));
        for (var i = 0; i < Blocks.Length; i++)
        {
            using (b.Scope($"block{i + 1}"))
            {
                x = b.Relu(b.ConvBn(x, x.Channels, 3, Blocks[i].Stride, groups: x.Channels));
                x = b.Relu(b.ConvBn(x, Blocks[i].Channels, 1));
            }
        }
        using (b.Scope("classifier"))
        {
            x = b.PoolAndClassify(x, ZooConventions.Classes);
        }
        return b.Output(x).Build("MobileNet v1 1.0-224, seeded random weights");
    }
}
