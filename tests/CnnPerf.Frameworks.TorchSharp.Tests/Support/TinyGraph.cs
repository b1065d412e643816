using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Support;

/// <summary>Builds small single-input, single-output ONNX graphs by hand and writes them to a temporary folder.</summary>
internal sealed class TinyGraph
{
    private readonly OnnxModelWriter _writer;
    private readonly Random _random = new(1234);
    private int _nodes;

    public TinyGraph(int[] inputShape, int opset = 13)
    {
        _writer = new OnnxModelWriter("tiny", opset, irVersion: 8)
            .Input("x", [.. inputShape.Select(d => (OnnxDimension)d)])
            .Output("y", shape: null);
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
        _writer.Initializer(OnnxTensor.FromFloats(name, [.. dims.Select(d => (long)d)], values));
        return name;
    }

    /// <summary>Adds an INT64 initializer.</summary>
    public string Int64s(string name, params long[] values)
    {
        _writer.Initializer(OnnxTensor.FromInt64s(name, [values.Length], values));
        return name;
    }

    /// <summary>Adds a node; attributes are given as name/value pairs (long, float, long[], string, OnnxTensor).</summary>
    public TinyGraph Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        _writer.Node(opType, $"{opType.ToLowerInvariant()}_{_nodes++}", inputs, [output], [.. attributes.Select(a => a.Value switch
        {
            long i => OnnxAttribute.Of(a.Name, i),
            int i => OnnxAttribute.Of(a.Name, (long)i),
            float f => OnnxAttribute.Of(a.Name, f),
            string s => OnnxAttribute.Of(a.Name, s),
            long[] ints => OnnxAttribute.Of(a.Name, ints),
            OnnxTensor tensor => OnnxAttribute.Of(a.Name, tensor),
            _ => throw new ArgumentException($"unsupported attribute value {a.Value}"),
        })]);
        return this;
    }

    /// <summary>Writes the model to a new file in <paramref name="folder"/>.</summary>
    public ModelSource Save(string folder, string name)
    {
        var path = Path.Combine(folder, name + ".onnx");
        _writer.Save(path);
        return ModelSource.FromOnnxFile(path);
    }
}
