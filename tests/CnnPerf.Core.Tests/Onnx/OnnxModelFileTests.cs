using CnnPerf.Onnx;

namespace CnnPerf.Core.Tests.Onnx;

public class OnnxModelFileTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("cnnperf-onnx-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_saved_model_loads_back_with_its_nodes_and_initializers()
    {
        var model = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "g" } };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        model.Graph.Node.Add(new NodeProto { Name = "relu", OpType = "Relu", Input = { "x" }, Output = { "y" } });
        var weights = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 2, 2 } };
        weights.FloatData.Add([1f, 2f, 3f, 4f]);
        model.Graph.Initializer.Add(weights);
        var path = Path.Combine(_directory, "m.onnx");

        OnnxModelFile.Save(model, path);
        var loaded = OnnxModelFile.Load(path);

        Assert.That(loaded.Graph.Node.Single().OpType, Is.EqualTo("Relu"));
        Assert.That(OnnxTensors.ToFloats(loaded.Graph.Initializer.Single()), Is.EqualTo(new[] { 1f, 2f, 3f, 4f }));
        Assert.That(OnnxTensors.Dimensions(loaded.Graph.Initializer.Single()), Is.EqualTo(new[] { 2, 2 }));
    }

    [Test]
    public void A_corrupt_file_gives_a_clear_error()
    {
        var path = Path.Combine(_directory, "corrupt.onnx");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0x0A, 0x13, 0x00]);
        var e = Assert.Throws<CnnPerfException>(() => OnnxModelFile.Load(path));
        Assert.That(e!.Message, Does.Contain("not a valid ONNX file"));
    }

    [Test]
    public void A_missing_file_gives_a_clear_error()
    {
        var e = Assert.Throws<CnnPerfException>(() => OnnxModelFile.Load(Path.Combine(_directory, "absent.onnx")));
        Assert.That(e!.Message, Does.Contain("not found"));
    }

    [Test]
    public void Float_data_that_does_not_match_the_shape_is_rejected()
    {
        var tensor = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 3 } };
        tensor.FloatData.Add([1f, 2f]);
        var e = Assert.Throws<CnnPerfException>(() => OnnxTensors.ToFloats(tensor));
        Assert.That(e!.Message, Does.Contain("holds 2 values"));
    }
}
