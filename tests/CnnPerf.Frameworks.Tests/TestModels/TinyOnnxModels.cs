using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Tests.TestModels;

/// <summary>Small ONNX graphs written node by node, saved into a temporary folder.</summary>
internal static class TinyOnnxModels
{
    /// <summary>Conv(3->4, 3x3, pad 1) -> Relu -> MaxPool(2) -> Flatten -> Gemm(64->5): input [1,3,8,8], output [1,5].</summary>
    public static ModelSource ConvNet(string directory)
    {
        var random = new Random(7);
        var writer = new OnnxModelWriter("tiny_convnet", opset: 17, irVersion: 8)
            .Input("input", 1, 3, 8, 8)
            .Output("logits", 1, 5)
            .Initializer(Floats("conv_w", random, 4, 3, 3, 3))
            .Initializer(Floats("conv_b", random, 4))
            .Initializer(Floats("fc_w", random, 5, 64))
            .Initializer(Floats("fc_b", random, 5))
            .Node("Conv", "conv1", ["input", "conv_w", "conv_b"], ["conv1_out"], OnnxAttribute.Of("pads", 1L, 1L, 1L, 1L), OnnxAttribute.Of("kernel_shape", 3L, 3L))
            .Node("Relu", "relu1", ["conv1_out"], ["relu1_out"])
            .Node("MaxPool", "pool1", ["relu1_out"], ["pool1_out"], OnnxAttribute.Of("kernel_shape", 2L, 2L), OnnxAttribute.Of("strides", 2L, 2L))
            .Node("Flatten", "flatten1", ["pool1_out"], ["flat"])
            .Node("Gemm", "fc1", ["flat", "fc_w", "fc_b"], ["logits"], OnnxAttribute.Of("transB", 1));
        return Save(writer, "tiny_convnet", directory);
    }

    /// <summary>Relu -> one node of <paramref name="opType"/> named <paramref name="nodeName"/> on a [1,2,size,size] input with the same output shape.</summary>
    public static ModelSource WithOperator(string directory, string opType, string nodeName, int size = 3)
    {
        var name = size == 3 ? $"tiny_{opType.ToLowerInvariant()}" : $"tiny_{opType.ToLowerInvariant()}_{size}";
        var writer = new OnnxModelWriter(name, opset: 17, irVersion: 8)
            .Input("input", 1, 2, size, size)
            .Output("output", 1, 2, size, size)
            .Node("Relu", "relu0", ["input"], ["relu0_out"])
            .Node(opType, nodeName, ["relu0_out"], ["output"]);
        return Save(writer, name, directory);
    }

    private static ModelSource Save(OnnxModelWriter writer, string name, string directory)
    {
        var path = Path.Combine(directory, name + ".onnx");
        writer.Save(path);
        return ModelSource.FromOnnxFile(path);
    }

    private static OnnxTensor Floats(string name, Random random, params long[] dims)
    {
        var values = new float[(int)dims.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }
        return OnnxTensor.FromFloats(name, dims, values);
    }
}
