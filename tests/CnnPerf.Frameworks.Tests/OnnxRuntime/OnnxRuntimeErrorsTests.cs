using CnnPerf.Frameworks.Inspection;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Frameworks.Tests.TestModels;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Tests.OnnxRuntime;

public sealed class OnnxRuntimeErrorsTests
{
    [Test]
    public void FindNodeAndOp_ReadsEachMessageKind()
    {
        using var directory = new TemporaryDirectory();
        var model = new NodeIndex(OnnxModel.Load(TinyOnnxModels.WithOperator(directory.Path, "Det", "det0").Path));

        Assert.That(OnnxRuntimeErrors.FindNodeAndOp("NOT_IMPLEMENTED : Could not find an implementation for Det(22) node with name 'det0'", model), Is.EqualTo(("det0", "Det")));
        Assert.That(OnnxRuntimeErrors.FindNodeAndOp("This is an invalid model. In Node, (\"det0\", Det, \"\", -1) : (\"x\": tensor(float),) -> (\"y\",) , Error No Op registered", model), Is.EqualTo(("det0", "Det")));
        Assert.That(OnnxRuntimeErrors.FindNodeAndOp("Fatal error: ai.onnx:Det(-1) is not a registered function/op", model), Is.EqualTo(("det0", "Det")));
        Assert.That(OnnxRuntimeErrors.FindNodeAndOp("No Op registered for Det with domain_version of 17", model), Is.EqualTo(("det0", "Det")));
        Assert.That(OnnxRuntimeErrors.FindNodeAndOp("Protobuf parsing failed.", model), Is.EqualTo(((string?)null, (string?)null)));
    }
}
