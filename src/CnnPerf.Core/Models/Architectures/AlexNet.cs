using CnnPerf.Onnx;

namespace CnnPerf.Models.Architectures;

/// <summary>
/// AlexNet (Krizhevsky et al., 2012) in its single-tower form at 224x224 (64-192-384-256-256 filters, as in
/// torchvision; the 6x6 adaptive pooling is the identity at this size, dropout is absent at inference).
/// </summary>
internal static class AlexNet
{
    /// <summary>Builds the network with weights drawn from <paramref name="seed"/>.</summary>
    public static byte[] Build(string name, long seed)
    {
        var b = new OnnxGraphBuilder(name, seed);
        var x = b.ImageInput();
        using (b.Scope("features"))
        {
            x = b.MaxPool(b.ConvRelu(x, 64, 11, stride: 4, pad: 2), 3, 2);
            x = b.MaxPool(b.ConvRelu(x, 192, 5, pad: 2), 3, 2);
            x = b.ConvRelu(x, 384, 3, pad: 1);
            x = b.ConvRelu(x, 256, 3, pad: 1);
            x = b.MaxPool(b.ConvRelu(x, 256, 3, pad: 1), 3, 2);
        }
        using (b.Scope("classifier"))
        {
            x = b.Flatten(x);
            x = b.Relu(b.Gemm(x, 4096));
            x = b.Relu(b.Gemm(x, 4096));
            x = b.Gemm(x, ZooConventions.Classes);
        }
        return b.Output(x).Build("AlexNet (single-tower, 224x224), seeded random weights");
    }
}
