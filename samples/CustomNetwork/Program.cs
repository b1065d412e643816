// A network of your own, built the way the model zoo builds the classic CNNs: seeded weights, shapes checked
// as each layer is added, an opset-13 ONNX file every backend can run. Then its static features, next to a
// zoo network's, the inputs of CnnPerf's layer-wise latency models.
using CnnPerf.Features;
using CnnPerf.Models;
using CnnPerf.Onnx;

var b = new OnnxGraphBuilder("tiny_mobile", seed: 42);
var x = b.Input("input", 1, 3, 160, 160);
x = b.Relu6(b.BatchNormalization(b.Conv(x, 16, 3, stride: 2, pad: 1, bias: false)));
foreach (var (channels, stride) in new[] { (32L, 2L), (64L, 2L), (128L, 2L) })
{
    using (b.Scope($"stage{channels}"))
    {
        x = b.Relu6(b.BatchNormalization(b.Conv(x, x.Channels, 3, stride, pad: 1, groups: x.Channels, bias: false)));
        x = b.Relu6(b.BatchNormalization(b.Conv(x, channels, 1, bias: false)));
    }
}
x = b.Gemm(b.Flatten(b.GlobalAveragePool(x)), 10);
var model = b.Output(x).Build("a small depthwise-separable classifier for 10 classes");

var path = Path.Combine(Path.GetTempPath(), "tiny_mobile.onnx");
OnnxModelFile.Save(model, path);
Console.WriteLine($"wrote {path} ({new FileInfo(path).Length:N0} bytes)");

var features = ModelFeatureExtractor.Extract(ModelSource.FromOnnxFile(path));
Console.WriteLine($"{"layer",-24} {"op",-18} {"output",-14} {"MACs",12} {"params",8}");
foreach (var layer in features.Layers.Where(l => l.Macs > 0 || l.Parameters > 0))
{
    Console.WriteLine($"{layer.NodeName,-24} {layer.OpType,-18} {string.Join("x", layer.OutputShape),-14} {layer.Macs,12:N0} {layer.Parameters,8:N0}");
}
Print(features);

// The same features for a zoo network (built and cached on first use; pass a cache folder as the first argument).
var zoo = new ModelZoo(args.Length > 0 ? args[0] : null);
Print(ModelFeatureExtractor.Extract(zoo.Get("mobilenet_v2")));

static void Print(ModelFeatures f) =>
    Console.WriteLine($"{f.Name}: input {f.InputName} [{string.Join(",", f.InputShape)}], {f.Layers.Count} layers, " +
        $"{f.Parameters:N0} parameters, {f.Macs / 1e6:F1} M MACs, {f.WeightBytes / 1e6:F2} MB weights, {f.ActivationBytes / 1e6:F2} MB activations");
