namespace CnnPerf.Onnx;

/// <summary>
/// Static shape inference over an ONNX graph for the operators of classic CNNs (convolution, pooling,
/// normalisation, activations, element-wise arithmetic with broadcasting, concatenation, reshaping, fully
/// connected layers), the one shape engine of CnnPerf. It starts from the input shape the graph view resolved.
/// </summary>
internal static class OnnxShapeInference
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

    /// <summary>
    /// The shape of every value of <paramref name="model"/>: its input (symbolic batch resolved, see
    /// <see cref="OnnxModel"/>), its constants and every node output.
    /// </summary>
    /// <exception cref="OnnxModelException">A node uses an operator this inference does not know, or its inputs are inconsistent.</exception>
    public static Dictionary<string, long[]> Infer(OnnxModel model)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.Constants)
        {
            shapes[name] = [.. tensor.Dimensions];
        }
        shapes[model.Input.Name] = [.. model.InputShape.Dimensions.Select(d => (long)d)];
        foreach (var node in model.Nodes)
        {
            long[][] outputs;
            try
            {
                outputs = InferNode(node, shapes);
            }
            catch (CnnPerfException e)
            {
                throw new OnnxModelException(model.Name, e.Message, node.Label, node.QualifiedOpType, e);
            }
            for (var i = 0; i < node.Outputs.Count && i < outputs.Length; i++)
            {
                if (node.Outputs[i].Length > 0)
                {
                    shapes[node.Outputs[i]] = outputs[i];
                }
            }
        }
        return shapes;
    }

    /// <summary>The shapes of the outputs of one node, given the shapes of the values computed so far.</summary>
    /// <param name="node">The node (its constant inputs give shape-valued inputs such as a Reshape target).</param>
    /// <param name="shapes">Known shapes by value name (inputs of <paramref name="node"/> must be present).</param>
    /// <exception cref="CnnPerfException">The operator is unknown here, or the node's inputs are missing or inconsistent.</exception>
    public static long[][] InferNode(OnnxNode node, IReadOnlyDictionary<string, long[]> shapes)
    {
        long[] Input(int index) =>
            index < node.Inputs.Count && shapes.TryGetValue(node.Inputs[index], out var s)
                ? s
                : throw new CnnPerfException($"input {index} ('{(index < node.Inputs.Count ? node.Inputs[index] : "")}') has no known shape");

        var op = node.OpType;
        if (ShapePreservingOps.Contains(op))
        {
            return Repeat(Input(0), node.Outputs.Count);
        }
        if (BroadcastOps.Contains(op))
        {
            var result = Input(0);
            for (var i = 1; i < node.Inputs.Count; i++)
            {
                result = Broadcast(result, Input(i));
            }
            return [result];
        }
        return op switch
        {
            "Conv" => [ConvolutionShape(node, Input(0), Input(1))],
            "MaxPool" or "AveragePool" => Repeat(PoolShape(node, Input(0)), node.Outputs.Count),
            "GlobalAveragePool" or "GlobalMaxPool" => [GlobalPoolShape(Input(0))],
            "Gemm" => [GemmShape(node, Input(0), Input(1))],
            "MatMul" => [MatMulShape(Input(0), Input(1))],
            "Flatten" => [FlattenShape(node, Input(0))],
            "Concat" => [ConcatShape(node, Enumerable.Range(0, node.Inputs.Count).Select(Input).ToArray())],
            "Reshape" => [ReshapeShape(Input(0), ConstantInts(node, 1))],
            "Transpose" => [TransposeShape(node, Input(0))],
            "Pad" => [PadShape(Input(0), node.Inputs.Count > 1 ? ConstantInts(node, 1) : node.GetInts("pads") ?? [])],
            "Squeeze" => [SqueezeShape(Input(0), Axes(node))],
            "Unsqueeze" => [UnsqueezeShape(Input(0), Axes(node) ?? throw new CnnPerfException("Unsqueeze without axes"))],
            "ReduceMean" or "ReduceMax" or "ReduceSum" => [ReduceShape(node, Input(0), Axes(node))],
            "Shape" => [[Input(0).Length]],
            _ => throw new CnnPerfException($"op type '{op}' is one CnnPerf infers no shapes for"),
        };
    }

    private static long[][] Repeat(long[] shape, int count) => Enumerable.Repeat(shape, Math.Max(count, 1)).ToArray();

    private static long[] ConvolutionShape(OnnxNode node, long[] x, long[] w)
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
        return [x[0], w[0], .. SpatialOutputs(node, x, kernel)];
    }

    private static long[] PoolShape(OnnxNode node, long[] x)
    {
        var kernel = node.GetInts("kernel_shape") ?? throw new CnnPerfException("pooling without kernel_shape");
        return [x[0], x[1], .. SpatialOutputs(node, x, kernel)];
    }

    private static long[] SpatialOutputs(OnnxNode node, long[] x, long[] kernel)
    {
        if (kernel.Length != x.Length - 2)
        {
            throw new CnnPerfException($"kernel_shape [{string.Join(",", kernel)}] does not fit input [{string.Join(",", x)}]");
        }
        return SpatialWindow.Of(node, kernel).OutputSize(x[2..]);
    }

    private static long[] GlobalPoolShape(long[] x) => [x[0], x[1], .. Enumerable.Repeat(1L, x.Length - 2)];

    private static long[] GemmShape(OnnxNode node, long[] a, long[] b)
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

    private static long[] FlattenShape(OnnxNode node, long[] x)
    {
        var axis = node.GetInt("axis", 1);
        axis = axis < 0 ? axis + x.Length : axis;
        if (axis < 0 || axis > x.Length)
        {
            throw new CnnPerfException($"Flatten axis {node.GetInt("axis", 1)} is out of range for rank {x.Length}");
        }
        return [Product(x[..(int)axis]), Product(x[(int)axis..])];
    }

    private static long[] ConcatShape(OnnxNode node, long[][] inputs)
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

    private static long[] TransposeShape(OnnxNode node, long[] x)
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

    private static long[] ReduceShape(OnnxNode node, long[] x, long[]? axes)
    {
        var reduced = axes?.Select(a => NormalizeAxis(a, x.Length)).ToHashSet() ?? Enumerable.Range(0, x.Length).Select(i => (long)i).ToHashSet();
        var keep = node.GetInt("keepdims", 1) != 0;
        return keep
            ? x.Select((d, i) => reduced.Contains(i) ? 1 : d).ToArray()
            : x.Where((d, i) => !reduced.Contains(i)).ToArray();
    }

    private static long[]? Axes(OnnxNode node) => node.Input(1) is not null ? ConstantInts(node, 1) : node.GetInts("axes");

    private static long[] ConstantInts(OnnxNode node, int index) =>
        node.ConstantInput(index)?.ToInt64s()
            ?? throw new CnnPerfException($"input {index} must be a constant (initializer or Constant node) for static shape inference");

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

    private static long Product(long[] shape) => OnnxShapes.ElementCount(shape);
}
