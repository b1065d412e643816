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
        return Extract(OnnxModel.Load(source));
    }

    /// <summary>The features of a model built in memory (the bytes of an ONNX file).</summary>
    /// <exception cref="OnnxModelException">The model cannot be read, or its shapes cannot be inferred.</exception>
    public static ModelFeatures Extract(byte[] model, string name) => Extract(OnnxModel.Read(model, name));

    /// <summary>The features of a read model.</summary>
    /// <exception cref="OnnxModelException">The graph's shapes cannot be inferred.</exception>
    public static ModelFeatures Extract(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shapes = model.Shapes;
        var activationSize = OnnxTensor.ElementSize(model.Input.ElementType);
        var layers = new List<LayerFeatures>(model.Nodes.Count);
        var parameterTensors = new HashSet<string>();
        var weightTensors = new HashSet<string>();
        foreach (var node in model.Nodes)
        {
            layers.Add(Layer(node, shapes, activationSize, parameterTensors, weightTensors));
        }
        return new ModelFeatures(
            model.Name,
            model.Input.Name,
            [.. model.InputShape.Dimensions.Select(d => (long)d)],
            model.Output.Name,
            model.ShapeOf(model.Output.Name),
            layers,
            parameterTensors.Sum(t => model.Constants[t].ElementCount),
            layers.Sum(l => l.Macs),
            weightTensors.Sum(t => model.Constants[t].ByteCount),
            layers.Sum(l => l.OutputActivationBytes));
    }

    private static LayerFeatures Layer(
        OnnxNode node, IReadOnlyDictionary<string, long[]> shapes, long activationSize, HashSet<string> parameterTensors, HashSet<string> weightTensors)
    {
        long parameters = 0, weightBytes = 0, inputBytes = 0;
        long[]? inputShape = null;
        for (var i = 0; i < node.Inputs.Count; i++)
        {
            if (node.Input(i) is not { } inputName)
            {
                continue;
            }
            if (node.ConstantInput(i) is { } tensor)
            {
                weightBytes += tensor.ByteCount;
                weightTensors.Add(inputName);
                if (IsParameter(node.OpType, i, tensor))
                {
                    parameters += tensor.ElementCount;
                    parameterTensors.Add(inputName);
                }
            }
            else if (shapes.TryGetValue(inputName, out var shape))
            {
                inputShape ??= shape;
                inputBytes += OnnxShapes.ElementCount(shape) * activationSize;
            }
        }
        var outputShape = node.Outputs.Count > 0 && shapes.TryGetValue(node.Outputs[0], out var o) ? o : [];
        var outputBytes = node.Outputs.Where(shapes.ContainsKey).Sum(n => OnnxShapes.ElementCount(shapes[n]) * activationSize);
        inputShape ??= [];
        var (kernel, strides, groups) = Window(node, inputShape, shapes);
        return new LayerFeatures(
            node.Label,
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

    private static long Macs(OnnxNode node, long[] input, long[] output, IReadOnlyDictionary<string, long[]> shapes)
    {
        switch (node.OpType)
        {
            case "Conv":
                var weight = shapes[node.Inputs[1]];
                return OnnxShapes.ElementCount(output) * OnnxShapes.ElementCount(weight[1..]);
            case "Gemm":
                var k = node.GetInt("transA", 0) != 0 ? input[0] : input[^1];
                return OnnxShapes.ElementCount(output) * k;
            case "MatMul":
                return OnnxShapes.ElementCount(output) * shapes[node.Inputs[0]][^1];
            default:
                return 0;
        }
    }

    private static (long[] Kernel, long[] Strides, long Groups) Window(OnnxNode node, long[] input, IReadOnlyDictionary<string, long[]> shapes)
    {
        switch (node.OpType)
        {
            case "Conv":
                var window = SpatialWindow.Of(node, node.GetInts("kernel_shape") ?? shapes[node.Inputs[1]][2..]);
                return ([.. window.Kernel], [.. window.Strides], node.GetInt("group", 1));
            case "MaxPool" or "AveragePool":
                var pool = SpatialWindow.Of(node, node.GetInts("kernel_shape") ?? []);
                return ([.. pool.Kernel], [.. pool.Strides], 1);
            case "GlobalAveragePool" or "GlobalMaxPool":
                return (input.Length > 2 ? input[2..] : [], Enumerable.Repeat(1L, Math.Max(input.Length - 2, 0)).ToArray(), 1);
            default:
                return ([], [], 1);
        }
    }

    private static bool IsParameter(string opType, int inputIndex, OnnxTensor tensor) =>
        tensor.ElementType is OnnxElementType.Float or OnnxElementType.Double or OnnxElementType.Float16 && opType switch
        {
            "BatchNormalization" => inputIndex is 1 or 2,
            "Clip" => false,
            _ => true,
        };
}
