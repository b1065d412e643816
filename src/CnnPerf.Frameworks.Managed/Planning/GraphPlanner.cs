using CnnPerf.Frameworks.Managed.Kernels;
using CnnPerf.Frameworks.Managed.Layers;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed.Planning;

/// <summary>
/// Turns an ONNX graph view into layers, once: batch-norm is folded into the preceding convolution, a following
/// residual Add and Relu/Clip are fused into it, Reshape/Flatten/Dropout/Identity become aliases of their input,
/// constant inputs become constant values. Shapes, producers, consumers and window arithmetic come from the view
/// (<see cref="OnnxModel"/>, <see cref="SpatialWindow"/>). Unsupported operators and unsupported attribute values
/// raise <see cref="PlanningException"/> naming the node.
/// </summary>
internal sealed class GraphPlanner
{
    /// <summary>The operators the engine runs.</summary>
    public static IReadOnlySet<string> SupportedOperators { get; } = new HashSet<string>
    {
        "Conv", "BatchNormalization", "Relu", "Clip", "MaxPool", "AveragePool", "GlobalAveragePool", "LRN", "Gemm", "MatMul",
        "Add", "Concat", "Flatten", "Reshape", "Softmax", "Dropout", "Identity",
    };

    private readonly OnnxModel _graph;
    private readonly ConvolutionTechnique _technique;
    private readonly Dictionary<string, int> _ids = [];
    private readonly List<int[]> _shapes = [];
    private readonly List<int> _roots = [];
    private readonly List<long> _offsets = [];
    private readonly Dictionary<int, float[]> _constants = [];
    private readonly bool[] _fused;
    private readonly List<Layer> _layers = [];
    private long _transientFloats;

    private GraphPlanner(OnnxModel graph, ConvolutionTechnique technique)
    {
        _graph = graph;
        _technique = technique;
        _fused = new bool[graph.Nodes.Count];
    }

    /// <summary>The nodes whose operator the engine does not run.</summary>
    public static IReadOnlyList<OnnxNode> UnsupportedNodes(OnnxModel graph) =>
        graph.Nodes.Where(n => !SupportedOperators.Contains(n.OpType) || !n.IsDefaultDomain).ToList();

    /// <summary>Plans <paramref name="graph"/>; the caller owns the layers of the result.</summary>
    /// <exception cref="PlanningException">A node cannot be planned.</exception>
    /// <exception cref="OnnxModelException">The shape engine cannot infer the graph's shapes.</exception>
    public static GraphPlan Plan(OnnxModel graph, ConvolutionTechnique technique)
    {
        var planner = new GraphPlanner(graph, technique);
        try
        {
            return planner.Build();
        }
        catch
        {
            foreach (var layer in planner._layers)
            {
                layer.Dispose();
            }
            throw;
        }
    }

    private GraphPlan Build()
    {
        if (UnsupportedNodes(_graph) is [var unsupported, ..])
        {
            throw new PlanningException(unsupported, "operator not supported by the managed engine");
        }
        var input = NewValue(_graph.Input.Name, _graph.InputShape.ToArray());
        for (var i = 0; i < _graph.Nodes.Count; i++)
        {
            if (_fused[i])
            {
                continue;
            }
            var node = _graph.Nodes[i];
            try
            {
                PlanNode(node);
            }
            catch (PlanningException)
            {
                throw;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or OverflowException
                || e is CnnPerfException and not OnnxModelException)
            {
                throw new PlanningException(node, e.Message, e);
            }
        }
        var output = Value(_graph.Output.Name, null);
        return new GraphPlan(_layers, _shapes, _roots, _offsets, _constants, input, output);
    }

    private void PlanNode(OnnxNode node)
    {
        switch (node.OpType)
        {
            case "Conv":
                PlanConvolution(node);
                break;
            case "BatchNormalization":
                PlanBatchNormalization(node);
                break;
            case "Relu":
            case "Clip":
            {
                var input = Value(node.Inputs[0], node);
                var (activation, output, ops) = FuseActivations(node, ClampOf(node), node.Outputs[0], node.OpType);
                var shape = _shapes[input];
                _layers.Add(new ScaleShiftLayer(node.Label, ops, [1f], [0f], 1, Count(shape), activation, input, NewValue(output, shape)));
                break;
            }
            case "MaxPool":
            case "AveragePool":
                PlanPooling(node);
                break;
            case "GlobalAveragePool":
            {
                var input = Value(node.Inputs[0], node);
                var shape = Require4D(input, node);
                _layers.Add(new GlobalAveragePoolLayer(node.Label, shape[0] * shape[1], shape[2] * shape[3], input, NewOutput(node)));
                break;
            }
            case "LRN":
            {
                var input = Value(node.Inputs[0], node);
                var shape = Require4D(input, node);
                _layers.Add(new LrnLayer(node.Label, shape[0], shape[1], shape[2] * shape[3], checked((int)node.GetInt("size", 0)),
                    node.GetFloat("alpha", 1e-4f), node.GetFloat("beta", 0.75f), node.GetFloat("bias", 1f), input, NewOutput(node)));
                break;
            }
            case "Gemm":
            case "MatMul":
                PlanFullyConnected(node);
                break;
            case "Add":
            {
                var a = Value(node.Inputs[0], node);
                var b = Value(node.Inputs[1], node);
                var shape = ShapeOf(node.Outputs[0]);
                var (activation, output, ops) = FuseActivations(node, Activation.None, node.Outputs[0], "Add");
                _layers.Add(new AddLayer(node.Label, ops, a, _shapes[a], b, _shapes[b], shape, activation, NewValue(output, shape)));
                break;
            }
            case "Concat":
                PlanConcat(node);
                break;
            case "Softmax":
            {
                var input = Value(node.Inputs[0], node);
                var shape = _shapes[input];
                var axis = Axis(node.GetInt("axis", _graph.Opset >= 13 ? -1 : 1), shape.Length);
                var outer = Count(shape[..axis]);
                var (length, inner) = _graph.Opset >= 13 ? (shape[axis], Count(shape[(axis + 1)..])) : (Count(shape[axis..]), 1);
                _layers.Add(new SoftmaxLayer(node.Label, outer, length, inner, input, NewOutput(node)));
                break;
            }
            case "Flatten":
            case "Reshape":
                Alias(node.Outputs[0], Value(node.Inputs[0], node), ShapeOf(node.Outputs[0]));
                break;
            case "Dropout":
            case "Identity":
                if (node.Outputs.Count > 1 && node.Outputs[1].Length > 0 && _graph.Consumers(node.Outputs[1]).Count > 0)
                {
                    throw new PlanningException(node, "the Dropout mask output is not supported");
                }
                var source = Value(node.Inputs[0], node);
                Alias(node.Outputs[0], source, _shapes[source]);
                break;
            default:
                throw new PlanningException(node, "operator not supported by the managed engine");
        }
    }

    private void PlanConvolution(OnnxNode node)
    {
        var input = Value(node.Inputs[0], node);
        var shape = Require4D(input, node);
        var weightsTensor = Constant(node, 1, "weights");
        var weights = weightsTensor.ToFloats();
        var wd = weightsTensor.IntDimensions();
        if (wd.Length != 4)
        {
            throw new PlanningException(node, $"only 2-D convolutions are supported (weights have shape {Format(wd)})");
        }
        var group = checked((int)node.GetInt("group", 1));
        if (wd[1] * group != shape[1] || wd[0] % group != 0)
        {
            throw new PlanningException(node, $"weights {Format(wd)} with group {group} do not match input {Format(shape)}");
        }
        var window = SpatialWindow.Of(node, [wd[2], wd[3]]);
        var (begin, end) = window.Padding([shape[2], shape[3]]);
        var geometry = new ConvolutionGeometry(shape[1], shape[2], shape[3], wd[0], wd[2], wd[3],
            checked((int)window.Strides[0]), checked((int)window.Strides[1]), checked((int)window.Dilations[0]), checked((int)window.Dilations[1]),
            checked((int)begin[0]), checked((int)begin[1]), checked((int)end[0]), checked((int)end[1]), group);
        var bias = node.Input(2) is not null ? Constant(node, 2, "bias").ToFloats() : new float[wd[0]];
        var ops = "Conv";
        var output = node.Outputs[0];
        var outputShape = ShapeOf(output);

        if (SingleConsumer(output) is { OpType: "BatchNormalization" } bn)
        {
            var (scale, shift) = BatchNormalization(bn);
            var perFilter = weights.Length / geometry.OutChannels;
            for (var o = 0; o < geometry.OutChannels; o++)
            {
                for (var j = 0; j < perFilter; j++)
                {
                    weights[o * perFilter + j] *= scale[o];
                }
                bias[o] = bias[o] * scale[o] + shift[o];
            }
            _fused[bn.Index] = true;
            output = bn.Outputs[0];
            ops += "+BatchNormalization";
        }

        var residual = -1;
        if (SingleConsumer(output) is { OpType: "Add" } add)
        {
            var other = add.Inputs[0] == output ? add.Inputs[1] : add.Inputs[0];
            if (other != output && _ids.TryGetValue(other, out var otherId) && !_constants.ContainsKey(_roots[otherId])
                && _shapes[otherId].AsSpan().SequenceEqual(outputShape))
            {
                residual = otherId;
                _fused[add.Index] = true;
                output = add.Outputs[0];
                ops += "+Add";
            }
        }

        var (activation, finalOutput, finalOps) = FuseActivations(node, Activation.None, output, ops);
        var technique = ConvolutionFactory.Choose(geometry, _technique);
        var kernel = ConvolutionFactory.Create(technique, geometry, weights, bias, activation);
        ReleaseTransient(weights.Length);
        _layers.Add(new ConvolutionLayer(node.Label, finalOps, kernel, shape[0], input, residual, NewValue(finalOutput, outputShape)));
    }

    private void PlanBatchNormalization(OnnxNode node)
    {
        var input = Value(node.Inputs[0], node);
        var shape = _shapes[input];
        var (scale, shift) = BatchNormalization(node);
        if (shape.Length < 2 || shape[1] != scale.Length)
        {
            throw new PlanningException(node, $"{scale.Length} channels of parameters do not match input {Format(shape)}");
        }
        var (activation, output, ops) = FuseActivations(node, Activation.None, node.Outputs[0], "BatchNormalization");
        _layers.Add(new ScaleShiftLayer(node.Label, ops, scale, shift, shape[0], Count(shape[2..]), activation, input, NewValue(output, shape)));
    }

    private (float[] Scale, float[] Shift) BatchNormalization(OnnxNode node)
    {
        if (node.Outputs.Skip(1).Any(o => o != "" && _graph.Consumers(o).Count > 0))
        {
            throw new PlanningException(node, "training-mode outputs of BatchNormalization are not supported");
        }
        var gamma = Constant(node, 1, "scale").ToFloats();
        var beta = Constant(node, 2, "bias").ToFloats();
        var mean = Constant(node, 3, "mean").ToFloats();
        var variance = Constant(node, 4, "variance").ToFloats();
        var epsilon = node.GetFloat("epsilon", 1e-5f);
        var scale = new float[gamma.Length];
        var shift = new float[gamma.Length];
        for (var c = 0; c < gamma.Length; c++)
        {
            var s = gamma[c] / MathF.Sqrt(variance[c] + epsilon);
            scale[c] = s;
            shift[c] = beta[c] - mean[c] * s;
        }
        return (scale, shift);
    }

    private void PlanPooling(OnnxNode node)
    {
        if (node.Outputs.Count > 1 && node.Outputs[1].Length > 0 && _graph.Consumers(node.Outputs[1]).Count > 0)
        {
            throw new PlanningException(node, "the Indices output of MaxPool is not supported");
        }
        var input = Value(node.Inputs[0], node);
        var shape = Require4D(input, node);
        var window = SpatialWindow.Of(node, node.GetInts("kernel_shape") ?? throw new PlanningException(node, "pooling needs a kernel_shape"));
        if (window.Rank != 2 || window.Dilations.Any(d => d != 1))
        {
            throw new PlanningException(node, "pooling needs a 2-D kernel_shape and no dilation");
        }
        var (begin, end) = window.Padding([shape[2], shape[3]]);
        var outputShape = ShapeOf(node.Outputs[0]);
        var geometry = new PoolingGeometry(shape[1], shape[2], shape[3], outputShape[2], outputShape[3],
            checked((int)window.Kernel[0]), checked((int)window.Kernel[1]), checked((int)window.Strides[0]), checked((int)window.Strides[1]),
            checked((int)begin[0]), checked((int)begin[1]), checked((int)end[0]), checked((int)end[1]), node.OpType == "MaxPool", node.GetInt("count_include_pad", 0) != 0);
        _layers.Add(new PoolingLayer(node.Label, node.OpType, geometry, shape[0], input, NewValue(node.Outputs[0], outputShape)));
    }

    private void PlanFullyConnected(OnnxNode node)
    {
        var input = Value(node.Inputs[0], node);
        var shape = _shapes[input];
        var bTensor = Constant(node, 1, "weights");
        var b = bTensor.ToFloats();
        var bd = bTensor.IntDimensions();
        if (bd.Length != 2)
        {
            throw new PlanningException(node, $"weights of shape {Format(bd)} are not a matrix");
        }
        var gemm = node.OpType == "Gemm";
        if (gemm && (node.GetInt("transA", 0) != 0 || shape.Length != 2))
        {
            throw new PlanningException(node, "Gemm needs a 2-D input and transA = 0");
        }
        var transB = gemm && node.GetInt("transB", 0) != 0;
        var (depth, outputs) = transB ? (bd[1], bd[0]) : (bd[0], bd[1]);
        var alpha = gemm ? node.GetFloat("alpha", 1f) : 1f;
        var weights = new float[outputs * depth];
        for (var n = 0; n < outputs; n++)
        {
            for (var k = 0; k < depth; k++)
            {
                weights[n * depth + k] = alpha * (transB ? b[n * depth + k] : b[k * outputs + n]);
            }
        }
        var bias = new float[outputs];
        if (gemm && node.Input(2) is not null)
        {
            var c = Constant(node, 2, "C").ToFloats();
            var beta = node.GetFloat("beta", 1f);
            if (c.Length != 1 && c.Length != outputs)
            {
                throw new PlanningException(node, $"bias of {c.Length} values does not broadcast to {outputs} outputs");
            }
            for (var n = 0; n < outputs; n++)
            {
                bias[n] = beta * c[c.Length == 1 ? 0 : n];
            }
        }
        var (activation, output, ops) = FuseActivations(node, Activation.None, node.Outputs[0], node.OpType);
        _layers.Add(new FullyConnectedLayer(node.Label, ops, weights, bias, Count(shape[..^1]), depth, outputs, activation, input, NewValue(output, ShapeOf(node.Outputs[0]))));
        ReleaseTransient(weights.Length + b.Length);
    }

    private void PlanConcat(OnnxNode node)
    {
        var inputs = node.Inputs.Select(i => Value(i, node)).ToArray();
        var first = _shapes[inputs[0]];
        var axis = Axis(node.GetInt("axis", 1), first.Length);
        var output = NewOutput(node);
        if (Count(first[..axis]) == 1 && node.Inputs.All(name => WritableInPlace(name, node)) && inputs.Distinct().Count() == inputs.Length)
        {
            // The layers that compute the inputs write them straight into their places in the output: no copy.
            long offset = 0;
            foreach (var id in inputs)
            {
                _roots[id] = output;
                _offsets[id] = offset;
                offset += Count(_shapes[id]);
            }
            return;
        }
        var chunks = inputs.Select(i => Count(_shapes[i][axis..])).ToArray();
        _layers.Add(new ConcatLayer(node.Label, inputs, chunks, Count(first[..axis]), output));
    }

    /// <summary>
    /// Whether input <paramref name="name"/> of <paramref name="concat"/> can be computed straight into the
    /// concatenation's output: a layer computes it, nothing else reads it or shares its memory, and it is not the
    /// graph's output.
    /// </summary>
    private bool WritableInPlace(string name, OnnxNode concat)
    {
        var id = _ids[name];
        // A value that another value aliases is read by that value's node too, so the one-consumer test covers sharing.
        return _layers.Any(l => l.Output == id) && _roots[id] == id
            && _graph.Consumers(name) is [var only] && only == concat && name != _graph.Output.Name;
    }

    private (Activation Activation, string Output, string Ops) FuseActivations(OnnxNode head, Activation activation, string output, string ops)
    {
        while (SingleConsumer(output) is { OpType: "Relu" or "Clip" } next && next.Index > head.Index)
        {
            activation = activation.Then(ClampOf(next));
            _fused[next.Index] = true;
            output = next.Outputs[0];
            ops += "+" + next.OpType;
        }
        return (activation, output, ops);
    }

    /// <summary>
    /// Weights pass through managed arrays (decoded, folded) on their way into native packed form. Collecting them
    /// every 32 MB keeps that garbage from adding up to the size of the model on top of the packed weights.
    /// </summary>
    private void ReleaseTransient(long floats)
    {
        _transientFloats += floats;
        if (_transientFloats >= 8L << 20)
        {
            _transientFloats = 0;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    private Activation ClampOf(OnnxNode node)
    {
        if (node.OpType == "Relu")
        {
            return Activation.Relu;
        }
        if (_graph.Opset < 11)
        {
            return new Activation(node.GetFloat("min", float.NegativeInfinity), node.GetFloat("max", float.PositiveInfinity));
        }
        var low = node.Input(1) is not null ? Constant(node, 1, "min").ToFloats()[0] : float.NegativeInfinity;
        var high = node.Input(2) is not null ? Constant(node, 2, "max").ToFloats()[0] : float.PositiveInfinity;
        return new Activation(low, high);
    }

    /// <summary>The only node that reads <paramref name="value"/>, unless the value is also the graph's output.</summary>
    private OnnxNode? SingleConsumer(string value) =>
        value != _graph.Output.Name && _graph.Consumers(value) is [var only] ? only : null;

    private static OnnxTensor Constant(OnnxNode node, int input, string role) =>
        node.ConstantInput(input) ?? throw new PlanningException(node, $"the {role} (input {input}) must be a constant initializer");

    private int Value(string name, OnnxNode? node)
    {
        if (_ids.TryGetValue(name, out var id))
        {
            return id;
        }
        if (_graph.Constant(name) is { } tensor)
        {
            id = NewValue(name, tensor.IntDimensions());
            _constants[id] = tensor.ToFloats();
            return id;
        }
        throw node is null
            ? new PlanningException(null, $"the graph output '{name}' is never computed")
            : new PlanningException(node, $"input '{name}' is not computed before this node");
    }

    /// <summary>The shape the graph view infers for <paramref name="value"/>.</summary>
    private int[] ShapeOf(string value) => [.. _graph.ShapeOf(value).Select(d => checked((int)d))];

    /// <summary>A new value for the node's first output, of the shape the graph view infers.</summary>
    private int NewOutput(OnnxNode node) => NewValue(node.Outputs[0], ShapeOf(node.Outputs[0]));

    private int NewValue(string name, int[] shape)
    {
        var id = _shapes.Count;
        _ids[name] = id;
        _shapes.Add(shape);
        _roots.Add(id);
        _offsets.Add(0);
        return id;
    }

    private void Alias(string name, int source, int[] shape)
    {
        var id = NewValue(name, shape);
        _roots[id] = _roots[source];
        _offsets[id] = _offsets[source];
    }

    private int[] Require4D(int value, OnnxNode node)
    {
        var shape = _shapes[value];
        return shape.Length == 4 ? shape : throw new PlanningException(node, $"expects an NCHW input, got shape {Format(shape)}");
    }

    private static int Axis(long axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        return a >= 0 && a < Math.Max(rank, 1) ? (int)a : throw new ArgumentException($"axis {axis} is out of range for rank {rank}");
    }

    private static int Count(ReadOnlySpan<int> shape)
    {
        var count = 1;
        foreach (var d in shape)
        {
            count = checked(count * d);
        }
        return count;
    }

    private static string Format(int[] shape) => "[" + string.Join(",", shape) + "]";
}
