using CnnPerf.Frameworks.OpenCv;

namespace CnnPerf.Frameworks.Tests.OpenCv;

public sealed class OpenCvErrorsTests
{
    [Test]
    public void FindNodeAndOp_ReadsTheOnnxImportersMessage() =>
        Assert.That(
            OpenCvErrors.FindNodeAndOp("> Node [Det@ai.onnx]:(onnx_node!det0) parse error: OpenCV(4.13.0) /x/net_impl.hpp:108: error: (-2:Unspecified error) Can't create layer \"onnx_node!det0\" of type \"Det\" in function 'getLayerInstance'"),
            Is.EqualTo(("det0", "Det")));

    [Test]
    public void FindNodeAndOp_ReadsTheLayerFactorysMessage() =>
        Assert.That(OpenCvErrors.FindNodeAndOp("Can't create layer \"conv9\" of type \"Frobnicate\" in function 'getLayerInstance'"), Is.EqualTo(("conv9", "Frobnicate")));

    [Test]
    public void FindNodeAndOp_OtherMessages_NameNothing() =>
        Assert.That(OpenCvErrors.FindNodeAndOp("Failed to parse ONNX model: /tmp/x.onnx"), Is.EqualTo(((string?)null, (string?)null)));
}
