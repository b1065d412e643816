using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed.Tests;

/// <summary>Small ONNX models written to temporary files for the tests.</summary>
internal static class TestModels
{
    /// <summary>
    /// A small network touching most operators: conv+bn+relu, max pool, a residual add, a depthwise conv with
    /// ReLU6, concat, LRN (or a node of <paramref name="lrnReplacement"/> in its place), average and global average
    /// pooling, flatten and gemm.
    /// </summary>
    public static byte[] SmallNetwork(string? lrnReplacement = null)
    {
        var b = new OnnxGraphBuilder("small", 5);
        var x = b.Input("input", 1, 3, 33, 31);
        var c1 = b.Relu(b.BatchNormalization(b.Conv(x, 16, 3, stride: 1, pad: 1, bias: false)));
        var p = b.MaxPool(c1, 3, 2, pad: 1, ceilMode: true);
        var c2 = b.BatchNormalization(b.Conv(p, 16, 3, pad: 1));
        var r = b.Relu(b.Add(c2, p));
        var dw = b.Relu6(b.Conv(r, 16, 3, pad: 1, groups: 16));
        var cat = b.Concat(lrnReplacement is null ? b.Lrn(dw) : b.Unary(lrnReplacement, dw), b.Conv(r, 8, 1));
        var avg = b.AveragePool(cat, 3, 1, pad: 1);
        var g = b.GlobalAveragePool(avg);
        b.Output(b.Gemm(b.Flatten(g), 10));
        return b.Build();
    }

    /// <summary>
    /// Two concatenations: one of two branches that nothing else reads, one of a value that a later node reads too
    /// (and of a branch that reads the first concatenation).
    /// </summary>
    public static byte[] ConcatNetwork()
    {
        var b = new OnnxGraphBuilder("concat", 5);
        var x = b.Input("input", 1, 4, 12, 10);
        var first = b.Concat(b.Relu(b.Conv(x, 6, 1)), b.Relu(b.Conv(x, 5, 3, pad: 1)));
        var shared = b.Relu(b.Conv(first, 11, 1));
        var second = b.Concat(shared, b.Conv(first, 3, 3, pad: 1));
        b.Output(b.Add(b.Conv(second, 11, 1), shared));
        return b.Build();
    }

    /// <summary>A chain of five 3x3 convolutions with ReLU on a 32x32 image.</summary>
    public static byte[] ConvolutionChain()
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

    /// <summary>The test process's folder for saved models, removed when the process exits.</summary>
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("cnnperf-managed-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    /// <summary>Saves <paramref name="model"/> under <paramref name="name"/> in the test process's temporary folder.</summary>
    public static ModelSource Save(byte[] model, string name)
    {
        var path = Path.Combine(Folder.Value, $"{name}.onnx");
        OnnxModelFile.Save(model, path);
        return ModelSource.FromOnnxFile(path);
    }
}
