namespace CnnPerf.Onnx;

/// <summary>
/// Static shape inference over an ONNX graph for the operators of classic CNNs (convolution, pooling,
/// normalisation, activations, element-wise arithmetic with broadcasting, concatenation, reshaping, fully
/// connected layers). Symbolic dimensions (a batch named <c>N</c>) count as 1.
/// </summary>
public static class OnnxShapeInference
{
    private static readonly HashSet<string> ShapePreservingOps =
    [
        "Relu", "Clip", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh",
        "Softplus", "Softmax", "LogSoftmax", "Dropout", "Identity", "BatchNormalization", "LRN",
        "InstanceNormalization", "Sqrt", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Cast", "Erf",
    ];

    private static readonly HashSet<string> BroadcastOps =
    [
        "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean",
    ];

    /// <summary>The shape of every value in <paramref name="graph"/>: inputs, initializers and node outputs.</summary>
    /// <exception cref="CnnPerfException">A node uses an operator this inference does not know, or its inputs are inconsistent.</exception>
    public static Dictionary<string, long[]> Infer(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var shapes = new Dictionary<string, long[]>();
        var constants = new Dictionary<string, TensorProto>();
        foreach (var initializer in graph.Initializer)
        {
            shapes[initializer.Name] = initializer.Dims.ToArray();
            constants[initializer.Name] = initializer;
        }
        foreach (var input in graph.Input)
        {
            if (!shapes.ContainsKey(input.Name))
            {
                shapes[input.Name] = InputShape(input);
            }
        }
        foreach (var node in graph.Node)
        {
            if (node.OpType == "Constant" && node.GetTensor("value") is { } value && node.Output.Count > 0)
            {
                constants[node.Output[0]] = value;
            }
            var outputs = InferNode(node, shapes, constants);
            for (var i = 0; i < node.Output.Count && i < outputs.Length; i++)
            {
                if (node.Output[i].Length > 0)
                {
                    shapes[node.Output[i]] = outputs[i];
                }
            }
        }
        return shapes;
    }

    /// <summary>The dimensions declared for a graph input; symbolic or unknown dimensions count as 1.</summary>
    public static long[] InputShape(ValueInfoProto input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.Type?.TensorType?.Shape
            ?? throw new CnnPerfException($"graph input '{input.Name}' declares no tensor shape");
        return shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0 ? d.DimValue : 1).ToArray();
    }

    /// <summary>The shapes of the outputs of one node, given the shapes of the values computed so far.</summary>
    /// <param name="node">The node.</param>
    /// <param name="shapes">Known shapes by value name (inputs of <paramref name="node"/> must be present).</param>
    /// <param name="constants">Constant tensors by value name (initializers and <c>Constant</c> outputs), for shape-valued inputs.</param>
    /// <exception cref="CnnPerfException">The operator is unknown here, or the node's inputs are missing or inconsistent.</exception>
    public static long[][] InferNode(NodeProto node, IReadOnlyDictionary<string, long[]> shapes, IReadOnlyDictionary<string, TensorProto> constants)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(constants);
        try
        {
            return InferKnownNode(node, shapes, constants);
        }
        catch (CnnPerfException e) when (!e.Message.StartsWith("node '", StringComparison.Ordinal))
        {
            throw new CnnPerfException($"node '{node.Name}' ({node.OpType}): {e.Message}", e);
        }
    }

    private static long[][] InferKnownNode(NodeProto node, IReadOnlyDictionary<string, long[]> shapes, IReadOnlyDictionary<string, TensorProto> constants)
    {
        long[] Input(int index) =>
            index < node.Input.Count && shapes.TryGetValue(node.Input[index], out var s)
                ? s
                : throw new CnnPerfException($"input {index} ('{(index < node.Input.Count ? node.Input[index] : "")}') has no known shape");

        var op = node.OpType;
        if (ShapePreservingOps.Contains(op))
        {
            return Repeat(Input(0), node.Output.Count);
        }
        if (BroadcastOps.Contains(op))
        {
            var result = Input(0);
            for (var i = 1; i < node.Input.Count; i++)
            {
                result = Broadcast(result, Input(i));
            }
            return [result];
        }
        return op switch
        {
            "Conv" => [ConvolutionShape(node, Input(0), Input(1))],
            "MaxPool" or "AveragePool" => Repeat(PoolShape(node, Input(0)), node.Output.Count),
            "GlobalAveragePool" or "GlobalMaxPool" => [GlobalPoolShape(Input(0))],
            "Gemm" => [GemmShape(node, Input(0), Input(1))],
            "MatMul" => [MatMulShape(Input(0), Input(1))],
            "Flatten" => [FlattenShape(node, Input(0))],
            "Concat" => [ConcatShape(node, Enumerable.Range(0, node.Input.Count).Select(Input).ToArray())],
            "Reshape" => [ReshapeShape(Input(0), ConstantInts(node, 1, constants))],
            "Transpose" => [TransposeShape(node, Input(0))],
            "Pad" => [PadShape(Input(0), node.Input.Count > 1 ? ConstantInts(node, 1, constants) : node.GetInts("pads") ?? [])],
            "Squeeze" => [SqueezeShape(Input(0), Axes(node, constants))],
            "Unsqueeze" => [UnsqueezeShape(Input(0), Axes(node, constants) ?? throw new CnnPerfException("Unsqueeze without axes"))],
            "ReduceMean" or "ReduceMax" or "ReduceSum" => [ReduceShape(node, Input(0), Axes(node, constants))],
            "Constant" => [node.GetTensor("value")?.Dims.ToArray() ?? throw new CnnPerfException("Constant without a tensor 'value'")],
            "Shape" => [[Input(0).Length]],
            _ => throw new CnnPerfException($"node '{node.Name}' has op type '{op}', for which CnnPerf infers no shapes"),
        };
    }

    private static long[][] Repeat(long[] shape, int count) => Enumerable.Repeat(shape, Math.Max(count, 1)).ToArray();

    /// <summary>The spatial output size of a sliding window (convolution or pooling) along one axis.</summary>
    internal static long SlidingOutput(long input, long kernel, long stride, long padBegin, long padEnd, long dilation, bool ceilMode)
    {
        var span = dilation * (kernel - 1) + 1;
        var numerator = input + padBegin + padEnd - span;
        if (numerator < 0)
        {
            throw new CnnPerfException($"window {span} is larger than the padded input {input + padBegin + padEnd}");
        }
        var output = (ceilMode ? (numerator + stride - 1) / stride : numerator / stride) + 1;
        if (ceilMode && (output - 1) * stride >= input + padBegin)
        {
            output--;
        }
        return output;
    }

    private static long[] ConvolutionShape(NodeProto node, long[] x, long[] w)
    {
        if (x.Length < 3 || w.Length != x.Length)
        {
            throw new CnnPerfException($"input rank {x.Length} and weight rank {w.Length} do not fit a convolution");
        }
        var groups = node.GetInt("group", 1);
        if (x[1] != w[1] * groups)
        {
            throw new CnnPerfException($"input has {x[1]} channels but weight [{string.Join(",", w)}] with group {groups} expects {w[1] * groups}");
        }
        var kernel = node.GetInts("kernel_shape") ?? w[2..];
        return [x[0], w[0], .. SpatialOutputs(node, x, kernel, ceilMode: false)];
    }

    private static long[] PoolShape(NodeProto node, long[] x)
    {
        var kernel = node.GetInts("kernel_shape") ?? throw new CnnPerfException("pooling without kernel_shape");
        return [x[0], x[1], .. SpatialOutputs(node, x, kernel, node.GetInt("ceil_mode", 0) != 0)];
    }

    private static long[] SpatialOutputs(NodeProto node, long[] x, long[] kernel, bool ceilMode)
    {
        var rank = x.Length - 2;
        if (kernel.Length != rank)
        {
            throw new CnnPerfException($"kernel_shape [{string.Join(",", kernel)}] does not fit input [{string.Join(",", x)}]");
        }
        var strides = node.GetInts("strides") ?? Enumerable.Repeat(1L, rank).ToArray();
        var dilations = node.GetInts("dilations") ?? Enumerable.Repeat(1L, rank).ToArray();
        var pads = node.GetInts("pads") ?? new long[2 * rank];
        var autoPad = node.GetString("auto_pad", "NOTSET");
        var output = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var input = x[i + 2];
            output[i] = autoPad switch
            {
                "SAME_UPPER" or "SAME_LOWER" => (input + strides[i] - 1) / strides[i],
                "VALID" => SlidingOutput(input, kernel[i], strides[i], 0, 0, dilations[i], ceilMode),
                _ => SlidingOutput(input, kernel[i], strides[i], pads[i], pads[i + rank], dilations[i], ceilMode),
            };
        }
        return output;
    }

    private static long[] GlobalPoolShape(long[] x) => [x[0], x[1], .. Enumerable.Repeat(1L, x.Length - 2)];

    private static long[] GemmShape(NodeProto node, long[] a, long[] b)
    {
        if (a.Length != 2 || b.Length != 2)
        {
            throw new CnnPerfException($"Gemm needs 2-D inputs, got [{string.Join(",", a)}] and [{string.Join(",", b)}]");
        }
        var (m, ka) = node.GetInt("transA", 0) != 0 ? (a[1], a[0]) : (a[0], a[1]);
        var (kb, n) = node.GetInt("transB", 0) != 0 ? (b[1], b[0]) : (b[0], b[1]);
        if (ka != kb)
        {
            throw new CnnPerfException($"Gemm inner dimensions differ: {ka} and {kb}");
        }
        return [m, n];
    }

    private static long[] MatMulShape(long[] a, long[] b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            throw new CnnPerfException("MatMul with a 1-D operand is not supported here");
        }
        if (a[^1] != b[^2])
        {
            throw new CnnPerfException($"MatMul inner dimensions differ: {a[^1]} and {b[^2]}");
        }
        var batch = Broadcast(a[..^2], b[..^2]);
        return [.. batch, a[^2], b[^1]];
    }

    private static long[] FlattenShape(NodeProto node, long[] x)
    {
        var axis = node.GetInt("axis", 1);
        axis = axis < 0 ? axis + x.Length : axis;
        if (axis < 0 || axis > x.Length)
        {
            throw new CnnPerfException($"Flatten axis {node.GetInt("axis", 1)} is out of range for rank {x.Length}");
        }
        return [Product(x[..(int)axis]), Product(x[(int)axis..])];
    }

    private static long[] ConcatShape(NodeProto node, long[][] inputs)
    {
        var first = inputs[0];
        var axis = (int)NormalizeAxis(node.GetInt("axis", 1), first.Length);
        var result = (long[])first.Clone();
        result[axis] = 0;
        foreach (var input in inputs)
        {
            if (input.Length != first.Length || Enumerable.Range(0, first.Length).Any(d => d != axis && input[d] != first[d]))
            {
                throw new CnnPerfException($"Concat inputs [{string.Join(",", first)}] and [{string.Join(",", input)}] differ outside axis {axis}");
            }
            result[axis] += input[axis];
        }
        return result;
    }

    private static long[] ReshapeShape(long[] x, long[] target)
    {
        var result = new long[target.Length];
        var inferred = -1;
        long known = 1;
        for (var i = 0; i < target.Length; i++)
        {
            result[i] = target[i] == 0 ? x[i] : target[i];
            if (result[i] == -1)
            {
                inferred = i;
            }
            else
            {
                known *= result[i];
            }
        }
        if (inferred >= 0)
        {
            result[inferred] = Product(x) / known;
        }
        if (Product(result) != Product(x))
        {
            throw new CnnPerfException($"cannot reshape [{string.Join(",", x)}] to [{string.Join(",", target)}]");
        }
        return result;
    }

    private static long[] TransposeShape(NodeProto node, long[] x)
    {
        var perm = node.GetInts("perm") ?? Enumerable.Range(0, x.Length).Reverse().Select(i => (long)i).ToArray();
        return perm.Select(p => x[p]).ToArray();
    }

    private static long[] PadShape(long[] x, long[] pads)
    {
        if (pads.Length != 2 * x.Length)
        {
            throw new CnnPerfException($"pads [{string.Join(",", pads)}] do not fit rank {x.Length}");
        }
        return x.Select((d, i) => d + pads[i] + pads[i + x.Length]).ToArray();
    }

    private static long[] SqueezeShape(long[] x, long[]? axes)
    {
        var drop = axes?.Select(a => NormalizeAxis(a, x.Length)).ToHashSet();
        return x.Where((d, i) => drop is null ? d != 1 : !drop.Contains(i)).ToArray();
    }

    private static long[] UnsqueezeShape(long[] x, long[] axes)
    {
        var rank = x.Length + axes.Length;
        var inserted = axes.Select(a => NormalizeAxis(a, rank)).ToHashSet();
        var result = new long[rank];
        var source = 0;
        for (var i = 0; i < rank; i++)
        {
            result[i] = inserted.Contains(i) ? 1 : x[source++];
        }
        return result;
    }

    private static long[] ReduceShape(NodeProto node, long[] x, long[]? axes)
    {
        var reduced = axes?.Select(a => NormalizeAxis(a, x.Length)).ToHashSet() ?? Enumerable.Range(0, x.Length).Select(i => (long)i).ToHashSet();
        var keep = node.GetInt("keepdims", 1) != 0;
        return keep
            ? x.Select((d, i) => reduced.Contains(i) ? 1 : d).ToArray()
            : x.Where((d, i) => !reduced.Contains(i)).ToArray();
    }

    private static long[]? Axes(NodeProto node, IReadOnlyDictionary<string, TensorProto> constants) =>
        node.Input.Count > 1 && node.Input[1].Length > 0 ? ConstantInts(node, 1, constants) : node.GetInts("axes");

    private static long[] ConstantInts(NodeProto node, int index, IReadOnlyDictionary<string, TensorProto> constants) =>
        index < node.Input.Count && constants.TryGetValue(node.Input[index], out var tensor)
            ? OnnxTensors.ToInt64s(tensor)
            : throw new CnnPerfException($"input {index} must be a constant (initializer or Constant node) for static shape inference");

    private static long[] Broadcast(long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new CnnPerfException($"shapes [{string.Join(",", a)}] and [{string.Join(",", b)}] do not broadcast");
            }
            result[i] = Math.Max(da, db);
        }
        return result;
    }

    private static long NormalizeAxis(long axis, int rank) =>
        axis < -rank || axis >= rank ? throw new CnnPerfException($"axis {axis} is out of range for rank {rank}") : axis < 0 ? axis + rank : axis;

    /// <summary>The number of elements of a tensor of <paramref name="shape"/>.</summary>
    internal static long Product(long[] shape)
    {
        long product = 1;
        foreach (var d in shape)
        {
            product *= d;
        }
        return product;
    }
}
