using CnnPerf.Onnx;

namespace CnnPerf.Models.Architectures;

/// <summary>Layer patterns several architectures share.</summary>
internal static class LayerBlocks
{
    /// <summary>Convolution without bias followed by batch normalisation, padding <c>kernel / 2</c>.</summary>
    public static OnnxValue ConvBn(this OnnxGraphBuilder b, OnnxValue x, long outChannels, long kernel, long stride = 1, long groups = 1) =>
        b.BatchNormalization(b.Conv(x, outChannels, kernel, stride, pad: kernel / 2, groups: groups, bias: false));

    /// <summary>Convolution with bias followed by ReLU (the pre-batch-norm networks).</summary>
    public static OnnxValue ConvRelu(this OnnxGraphBuilder b, OnnxValue x, long outChannels, long kernel, long stride = 1, long pad = 0) =>
        b.Relu(b.Conv(x, outChannels, kernel, stride, pad));

    /// <summary>The classifier head: global average pooling, flatten, fully connected to the class logits.</summary>
    public static OnnxValue PoolAndClassify(this OnnxGraphBuilder b, OnnxValue x, long classes) =>
        b.Gemm(b.Flatten(b.GlobalAveragePool(x)), classes);

    /// <summary>The standard 224x224 RGB image input named <c>input</c>.</summary>
    public static OnnxValue ImageInput(this OnnxGraphBuilder b) => b.Input(ZooConventions.InputName, 1, 3, 224, 224);
}
