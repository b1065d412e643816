using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed.Tests;

/// <summary>Small ONNX models written to temporary files for the tests.</summary>
internal static class TestModels
{
    /// <summary>
    /// A small network touching most operators: conv+bn+relu, max pool, a residual add, a depthwise conv with
    /// ReLU6, concat, LRN, average and global average pooling, flatten and gemm.
    /// </summary>
    public static ModelProto SmallNetwork()
    {
        var b = new OnnxGraphBuilder("small", 5);
        var x = b.Input("input", 1, 3, 33, 31);
        var c1 = b.Relu(b.BatchNormalization(b.Conv(x, 16, 3, stride: 1, pad: 1, bias: false)));
        var p = b.MaxPool(c1, 3, 2, pad: 1, ceilMode: true);
        var c2 = b.BatchNormalization(b.Conv(p, 16, 3, pad: 1));
        var r = b.Relu(b.Add(c2, p));
        var dw = b.Relu6(b.Conv(r, 16, 3, pad: 1, groups: 16));
        var cat = b.Concat(b.Lrn(dw), b.Conv(r, 8, 1));
        var avg = b.AveragePool(cat, 3, 1, pad: 1);
        var g = b.GlobalAveragePool(avg);
        b.Output(b.Gemm(b.Flatten(g), 10));
        return b.Build();
    }

    /// <summary>A chain of five 3x3 convolutions with ReLU on a 32x32 image.</summary>
    public static ModelProto ConvolutionChain()
    {
        var b = new OnnxGraphBuilder("chain", 3);
        var x = b.Input("input", 1, 8, 32, 32);
        for (var i = 0; i < 5; i++)
        {
            x = b.Relu(b.Conv(x, 8, 3, pad: 1));
        }
        b.Output(x);
        return b.Build();
    }

    /// <summary>Saves <paramref name="model"/> under a unique temporary name.</summary>
    public static ModelSource Save(ModelProto model, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnperf-managed-tests-{Environment.ProcessId}", $"{name}.onnx");
        OnnxModelFile.Save(model, path);
        return ModelSource.FromOnnxFile(path);
    }
}
