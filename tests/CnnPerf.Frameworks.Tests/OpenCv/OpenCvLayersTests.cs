using CnnPerf.Frameworks.OpenCv;

namespace CnnPerf.Frameworks.Tests.OpenCv;

public sealed class OpenCvLayersTests
{
    // Recorded from Net.Dump() of OpenCV 4.13 on a Conv-Relu-MaxPool graph (Conv and Relu fused into one record).
    private const string Dump = """
        digraph G {
        	"cluster_0" [label="{onnx_node!conv1\nConvolution\nkernel_size (HxW): 3 x 3\lpad (HxW): (1, 1) x (1, 1)\l | onnx_node!relu1\nReLU\noutput: 1 x 4 x 8 x 8\lOCV/CPU\n }" fillcolor="#ffffb3" style=filled shape=record]
        	"onnx_node!pool1" [label="onnx_node!pool1\nPooling\nkernel_size (HxW): 2 x 2\lstride (HxW): 2 x 2\lpool: MAX\loutput: 1 x 4 x 4 x 4\lOCV/CPU\n" fillcolor="#ffffb3" style=filled shape=box]
        	"logits" [label="logits\nIdentity\noutput: 1 x 5\lOCV/CPU\n" fillcolor="#ffffb3" style=filled shape=box]
        	"_input" -> "cluster_0"
        }
        """;

    [Test]
    public void TypesFromDump_ReadsPlainAndFusedLayers()
    {
        var types = OpenCvLayers.TypesFromDump(Dump);

        Assert.That(types, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["onnx_node!conv1"] = "Convolution",
            ["onnx_node!relu1"] = "ReLU",
            ["onnx_node!pool1"] = "Pooling",
            ["logits"] = "Identity",
        }));
    }

    [TestCase("onnx_node!conv1", "conv1")]
    [TestCase("onnx_node!flatten1/flatten", "flatten1/flatten")]
    [TestCase("conv1", "conv1")]
    public void NodeName_DropsTheImportersPrefix(string layer, string node) =>
        Assert.That(OpenCvLayers.NodeName(layer), Is.EqualTo(node));

    [Test]
    public void ParentNodeName_DropsTheSubLayerPart()
    {
        Assert.That(OpenCvLayers.ParentNodeName("flatten1/flatten"), Is.EqualTo("flatten1"));
        Assert.That(OpenCvLayers.ParentNodeName("fc1"), Is.EqualTo("fc1"));
    }
}
