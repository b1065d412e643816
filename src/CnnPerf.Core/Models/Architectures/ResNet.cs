using CnnPerf.Onnx;

namespace CnnPerf.Models.Architectures;

/// <summary>
/// ResNet (He et al., 2016) for ImageNet: basic blocks (ResNet-18) or bottleneck blocks with the stride on
/// the 3x3 convolution (ResNet-50, the common "v1.5"), projection shortcuts where the shape changes.
/// </summary>
internal static class ResNet
{
    /// <summary>ResNet-18: basic blocks, 2-2-2-2.</summary>
    public static byte[] Build18(string name, long seed) => Build(name, seed, [2, 2, 2, 2], bottleneck: false);

    /// <summary>ResNet-50: bottleneck blocks, 3-4-6-3.</summary>
    public static byte[] Build50(string name, long seed) => Build(name, seed, [3, 4, 6, 3], bottleneck: true);

    private static byte[] Build(string name, long seed, int[] blocks, bool bottleneck)
    {
        var b = new OnnxGraphBuilder(name, seed);
        var x = b.ImageInput();
        using (b.Scope("stem"))
        {
            x = b.MaxPool(b.Relu(b.ConvBn(x, 64, 7, stride: 2)), 3, 2, pad: 1);
        }
        for (var stage = 0; stage < blocks.Length; stage++)
        {
            var width = 64L << stage;
            for (var i = 0; i < blocks[stage]; i++)
            {
                using (b.Scope($"layer{stage + 1}.{i}"))
                {
                    var stride = stage > 0 && i == 0 ? 2 : 1;
                    x = bottleneck ? Bottleneck(b, x, width, stride) : Basic(b, x, width, stride);
                }
            }
        }
        using (b.Scope("classifier"))
        {
            x = b.PoolAndClassify(x, ZooConventions.Classes);
        }
        return b.Output(x).Build($"ResNet-{(bottleneck ? 50 : 18)}, seeded random weights");
    }

    private static OnnxValue Basic(OnnxGraphBuilder b, OnnxValue x, long width, long stride)
    {
        var y = b.Relu(b.ConvBn(x, width, 3, stride));
        y = b.ConvBn(y, width, 3);
        return b.Relu(b.Add(y, Shortcut(b, x, width, stride)));
    }

    private static OnnxValue Bottleneck(OnnxGraphBuilder b, OnnxValue x, long width, long stride)
    {
        var y = b.Relu(b.ConvBn(x, width, 1));
        y = b.Relu(b.ConvBn(y, width, 3, stride));
        y = b.ConvBn(y, width * 4, 1);
        return b.Relu(b.Add(y, Shortcut(b, x, width * 4, stride)));
    }

    private static OnnxValue Shortcut(OnnxGraphBuilder b, OnnxValue x, long channels, long stride) =>
        stride == 1 && x.Channels == channels ? x : b.ConvBn(x, channels, 1, stride);
}
