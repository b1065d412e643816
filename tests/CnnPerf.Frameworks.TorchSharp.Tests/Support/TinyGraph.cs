using CnnPerf.Models;
using CnnPerf.Onnx;
using Google.Protobuf;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Support;

/// <summary>Builds small single-input, single-output ONNX graphs by hand and writes them to a temporary folder.</summary>
internal sealed class TinyGraph
{
    private readonly GraphProto _graph = new() { Name = "tiny" };
    private readonly int _opset;
    private readonly Random _random = new(1234);

    public TinyGraph(int[] inputShape, int opset = 13)
    {
        _opset = opset;
        _graph.Input.Add(ValueInfo("x", inputShape));
        _graph.Output.Add(new ValueInfoProto { Name = "y", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
    }

    /// <summary>Adds a FLOAT initializer with seeded uniform values in [-1, 1) and returns its name.</summary>
    public string Weights(string name, params int[] dims)
    {
        var count = dims.Aggregate(1, (p, d) => p * d);
        return Floats(name, dims, [.. Enumerable.Range(0, count).Select(_ => (float)(_random.NextDouble() * 2 - 1))]);
    }

    /// <summary>Adds a FLOAT initializer with the given values.</summary>
    public string Floats(string name, int[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = 1 };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        tensor.FloatData.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds an INT64 initializer.</summary>
    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = 7 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a node; attributes are given as name/value pairs (long, float, long[], string, TensorProto).</summary>
    public TinyGraph Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType.ToLowerInvariant()}_{_graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (var (name, value) in attributes)
        {
            node.Attribute.Add(value switch
            {
                long i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
                int i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
                float f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = f },
                string s => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(s) },
                long[] ints => Ints(name, ints),
                TensorProto tensor => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = tensor },
                _ => throw new ArgumentException($"unsupported attribute value {value}"),
            });
        }
        _graph.Node.Add(node);
        return this;
    }

    /// <summary>Writes the model to a new file in <paramref name="folder"/>.</summary>
    public ModelSource Save(string folder, string name)
    {
        var model = new ModelProto { IrVersion = 8, Graph = _graph, ProducerName = "CnnPerf tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = _opset });
        var path = Path.Combine(folder, name + ".onnx");
        OnnxModelFile.Save(model, path);
        return ModelSource.FromOnnxFile(path);
    }

    private static AttributeProto Ints(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static ValueInfoProto ValueInfo(string name, int[] shape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.AddRange(shape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = tensorShape } },
        };
    }
}
