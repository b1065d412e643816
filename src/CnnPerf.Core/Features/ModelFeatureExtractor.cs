using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Features;

/// <summary>Computes the static features of an ONNX model (shapes, MACs, parameters, bytes) without running it.</summary>
public static class ModelFeatureExtractor
{
    /// <summary>The features of an ONNX model file.</summary>
    /// <exception cref="CnnPerfException">The file is not a readable ONNX model, or not a Caffe one can analyse, or its shapes cannot be inferred.</exception>
    public static ModelFeatures Extract(ModelSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Format != ModelFormat.Onnx)
        {
            throw new CnnPerfException($"model '{source.Name}': static features need an ONNX file, not {source.Format}");
        }
        return Extract(OnnxModelFile.Load(source.Path), source.Name);
    }

    /// <summary>The features of a loaded ONNX model.</summary>
    /// <exception cref="CnnPerfException">The graph's shapes cannot be inferred.</exception>
    public static ModelFeatures Extract(ModelProto model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph ?? throw new CnnPerfException($"model '{name}' has no graph");
        Dictionary<string, long[]> shapes;
        try
        {
            shapes = OnnxShapeInference.Infer(graph);
        }
        catch (CnnPerfException e)
        {
            throw new CnnPerfException($"model '{name}': {e.Message}", e);
        }
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var input = graph.Input.FirstOrDefault(i => !initializers.ContainsKey(i.Name))
            ?? throw new CnnPerfException($"model '{name}' has no input");
        var activationSize = ElementSize(input.Type?.TensorType?.ElemType ?? (int)TensorProto.Types.DataType.Float);

        var layers = new List<LayerFeatures>(graph.Node.Count);
        var parameterTensors = new HashSet<string>();
        var weightTensors = new HashSet<string>();
        foreach (var (node, index) in graph.Node.Select((n, i) => (n, i)))
        {
            layers.Add(Layer(node, index, shapes, initializers, activationSize, parameterTensors, weightTensors));
        }
        var output = graph.Output.FirstOrDefault() ?? throw new CnnPerfException($"model '{name}' has no output");
        return new ModelFeatures(
            name,
            input.Name,
            OnnxShapeInference.InputShape(input),
            output.Name,
            shapes.TryGetValue(output.Name, out var outputShape) ? outputShape : throw new CnnPerfException($"model '{name}': no node computes the output '{output.Name}'"),
            layers,
            parameterTensors.Sum(t => Elements(initializers[t])),
            layers.Sum(l => l.Macs),
            weightTensors.Sum(t => Bytes(initializers[t])),
            layers.Sum(l => l.OutputActivationBytes));
    }

    private static LayerFeatures Layer(
        NodeProto node, int index, Dictionary<string, long[]> shapes, Dictionary<string, TensorProto> initializers,
        long activationSize, HashSet<string> parameterTensors, HashSet<string> weightTensors)
    {
        long parameters = 0, weightBytes = 0, inputBytes = 0;
        long[]? inputShape = null;
        for (var i = 0; i < node.Input.Count; i++)
        {
            var inputName = node.Input[i];
            if (inputName.Length == 0)
            {
                continue;
            }
            if (initializers.TryGetValue(inputName, out var tensor))
            {
                weightBytes += Bytes(tensor);
                weightTensors.Add(inputName);
                if (IsParameter(node.OpType, i, tensor))
                {
                    parameters += Elements(tensor);
                    parameterTensors.Add(inputName);
                }
            }
            else if (shapes.TryGetValue(inputName, out var shape))
            {
                inputShape ??= shape;
                inputBytes += OnnxShapeInference.Product(shape) * activationSize;
            }
        }
        var outputShape = node.Output.Count > 0 && shapes.TryGetValue(node.Output[0], out var o) ? o : [];
        var outputBytes = node.Output.Where(shapes.ContainsKey).Sum(n => OnnxShapeInference.Product(shapes[n]) * activationSize);
        inputShape ??= [];
        var (kernel, strides, groups) = Window(node, inputShape, shapes);
        return new LayerFeatures(
            node.Name.Length > 0 ? node.Name : $"{node.OpType.ToLowerInvariant()}_{index}",
            node.OpType,
            Macs(node, inputShape, outputShape, shapes),
            parameters,
            weightBytes,
            inputBytes,
            outputBytes,
            inputShape,
            outputShape,
            kernel,
            strides,
            groups);
    }

    private static long Macs(NodeProto node, long[] input, long[] output, Dictionary<string, long[]> shapes)
    {
        switch (node.OpType)
        {
            case "Conv":
                var weight = shapes[node.Input[1]];
                return OnnxShapeInference.Product(output) * OnnxShapeInference.Product(weight[1..]);
            case "Gemm":
                var k = node.GetInt("transA", 0) != 0 ? input[0] : input[^1];
                return OnnxShapeInference.Product(output) * k;
            case "MatMul":
                return OnnxShapeInference.Product(output) * shapes[node.Input[0]][^1];
            default:
                return 0;
        }
    }

    private static (long[] Kernel, long[] Strides, long Groups) Window(NodeProto node, long[] input, Dictionary<string, long[]> shapes)
    {
        var spatialRank = Math.Max(input.Length - 2, 0);
        long[] Ones() => Enumerable.Repeat(1L, spatialRank).ToArray();
        return node.OpType switch
        {
            "Conv" => (node.GetInts("kernel_shape") ?? shapes[node.Input[1]][2..], node.GetInts("strides") ?? Ones(), node.GetInt("group", 1)),
            "MaxPool" or "AveragePool" => (node.GetInts("kernel_shape") ?? [], node.GetInts("strides") ?? Ones(), 1),
            "GlobalAveragePool" or "GlobalMaxPool" => (input.Length > 2 ? input[2..] : [], Ones(), 1),
            _ => ([], [], 1),
        };
    }

    private static bool IsParameter(string opType, int inputIndex, TensorProto tensor) =>
        IsFloating(tensor.DataType) && opType switch
        {
            "BatchNormalization" => inputIndex is 1 or 2,
            "Clip" => false,
            _ => true,
        };

    private static bool IsFloating(int dataType) =>
        dataType is (int)TensorProto.Types.DataType.Float or (int)TensorProto.Types.DataType.Double or (int)TensorProto.Types.DataType.Float16;

    private static long Elements(TensorProto tensor) => OnnxShapeInference.Product(tensor.Dims.ToArray());

    private static long Bytes(TensorProto tensor) => Elements(tensor) * ElementSize(tensor.DataType);

    private static long ElementSize(int dataType) => (TensorProto.Types.DataType)dataType switch
    {
        TensorProto.Types.DataType.Double or TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Uint64 => 8,
        TensorProto.Types.DataType.Float16 or TensorProto.Types.DataType.Int16 or TensorProto.Types.DataType.Uint16 => 2,
        TensorProto.Types.DataType.Int8 or TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Bool => 1,
        _ => 4,
    };
}
