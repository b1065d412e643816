using CnnPerf.Backends;
using CnnPerf.Frameworks.OpenCv;

namespace CnnPerf.Frameworks.Tests.OpenCv;

public sealed class CaffeInputShapeTests
{
    [TestCase("input: \"data\"\ninput_shape { dim: 1 dim: 3 dim: 224 dim: 224 }\nlayer { name: \"c\" type: \"Convolution\" }")]
    [TestCase("input: \"data\"\ninput_dim: 1\ninput_dim: 3 # channels\ninput_dim: 224\ninput_dim: 224\n")]
    [TestCase("layer {\n  name: \"data\"\n  type: \"Input\"\n  top: \"data\"\n  input_param { shape { dim: 1 dim: 3 dim: 224 dim: 224 } }\n}")]
    public void Parse_ReadsEachWayOfDeclaringTheInput(string prototxt) =>
        Assert.That(CaffeInputShape.Parse(prototxt, "m"), Is.EqualTo(new TensorShape(1, 3, 224, 224)));

    [Test]
    public void Parse_WithoutAnInputShape_SaysSo()
    {
        var e = Assert.Throws<InferenceException>(() => CaffeInputShape.Parse("# input_dim: 3\nlayer { name: \"c\" }", "m"));

        Assert.That(e!.Message, Does.Contain("declares no input shape"));
    }
}
