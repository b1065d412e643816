using CnnPerf.Models;
using CnnPerf.Onnx;
using Google.Protobuf;

namespace CnnPerf.Frameworks.Tests.TestModels;

/// <summary>Small ONNX graphs written with the proto types, saved into a temporary folder.</summary>
internal static class TinyOnnxModels
{
    /// <summary>Conv(3->4, 3x3, pad 1) -> Relu -> MaxPool(2) -> Flatten -> Gemm(64->5): input [1,3,8,8], output [1,5].</summary>
    public static ModelSource ConvNet(string directory)
    {
        var random = new Random(7);
        var graph = new GraphProto { Name = "tiny_convnet" };
        graph.Input.Add(FloatInput("input", 1, 3, 8, 8));
        graph.Output.Add(FloatInput("logits", 1, 5));
        graph.Initializer.Add(Floats("conv_w", random, 4, 3, 3, 3));
        graph.Initializer.Add(Floats("conv_b", random, 4));
        graph.Initializer.Add(Floats("fc_w", random, 5, 64));
        graph.Initializer.Add(Floats("fc_b", random, 5));
        graph.Node.Add(Node("conv1", "Conv", ["input", "conv_w", "conv_b"], ["conv1_out"], Ints("pads", 1, 1, 1, 1), Ints("kernel_shape", 3, 3)));
        graph.Node.Add(Node("relu1", "Relu", ["conv1_out"], ["relu1_out"]));
        graph.Node.Add(Node("pool1", "MaxPool", ["relu1_out"], ["pool1_out"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
        graph.Node.Add(Node("flatten1", "Flatten", ["pool1_out"], ["flat"]));
        graph.Node.Add(Node("fc1", "Gemm", ["flat", "fc_w", "fc_b"], ["logits"], Int("transB", 1)));
        return Save(graph, directory);
    }

    /// <summary>Relu -> one node of <paramref name="opType"/> named <paramref name="nodeName"/> on a [1,2,size,size] input with the same output shape.</summary>
    public static ModelSource WithOperator(string directory, string opType, string nodeName, int size = 3)
    {
        var graph = new GraphProto { Name = size == 3 ? $"tiny_{opType.ToLowerInvariant()}" : $"tiny_{opType.ToLowerInvariant()}_{size}" };
        graph.Input.Add(FloatInput("input", 1, 2, size, size));
        graph.Output.Add(FloatInput("output", 1, 2, size, size));
        graph.Node.Add(Node("relu0", "Relu", ["input"], ["relu0_out"]));
        graph.Node.Add(Node(nodeName, opType, ["relu0_out"], ["output"]));
        return Save(graph, directory);
    }

    private static ModelSource Save(GraphProto graph, string directory)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "cnnperf-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        var path = Path.Combine(directory, graph.Name + ".onnx");
        OnnxModelFile.Save(model, path);
        return ModelSource.FromOnnxFile(path);
    }

    private static ValueInfoProto FloatInput(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static TensorProto Floats(string name, Random random, params long[] dims)
    {
        var count = (int)dims.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }

    private static NodeProto Node(string name, string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { Name = name, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
}
