using CnnPerf.Frameworks.Managed.Graph;
using CnnPerf.Frameworks.Managed.Kernels;
using CnnPerf.Frameworks.Managed.Layers;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed.Planning;

/// <summary>
/// Turns an ONNX graph into layers, once: shapes are inferred, batch-norm is folded into the preceding
/// convolution, a following residual Add and Relu/Clip are fused into it, Reshape/Flatten/Dropout/Identity
/// become aliases of their input, constant inputs become constant values. Unsupported operators and
/// unsupported attribute values raise <see cref="PlanningException"/> naming the node.
/// </summary>
internal sealed class GraphPlanner
{
    /// <summary>The operators the engine runs.</summary>
    public static IReadOnlySet<string> SupportedOperators { get; } = new HashSet<string>
    {
        "Conv", "BatchNormalization", "Relu", "Clip", "MaxPool", "AveragePool", "GlobalAveragePool", "LRN", "Gemm", "MatMul",
        "Add", "Concat", "Flatten", "Reshape", "Softmax", "Dropout", "Identity", "Constant",
    };

    private readonly OnnxGraph _graph;
    private readonly ConvolutionTechnique _technique;
    private readonly Dictionary<string, int> _ids = [];
    private readonly List<int[]> _shapes = [];
    private readonly List<int> _roots = [];
    private readonly List<long> _offsets = [];
    private readonly Dictionary<int, float[]> _constants = [];
    private readonly Dictionary<string, List<int>> _consumers = [];
    private readonly Dictionary<string, int> _producers = [];
    private readonly bool[] _fused;
    private readonly List<Layer> _layers = [];
    private long _transientFloats;

    private GraphPlanner(OnnxGraph graph, ConvolutionTechnique technique)
    {
        _graph = graph;
        _technique = technique;
        _fused = new bool[graph.Nodes.Count];
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            foreach (var input in graph.Nodes[i].Input)
            {
                if (!_consumers.TryGetValue(input, out var list))
                {
                    _consumers[input] = list = [];
                }
                list.Add(i);
            }
            foreach (var output in graph.Nodes[i].Output)
            {
                _producers[output] = i;
            }
        }
    }

    /// <summary>Lists the nodes whose operator the engine does not run, as "node 'name' (op Type)".</summary>
    public static IReadOnlyList<NodeProto> UnsupportedNodes(OnnxGraph graph) =>
        graph.Nodes.Where(n => !SupportedOperators.Contains(n.OpType) || (n.Domain is not ("" or "ai.onnx"))).ToList();

    /// <summary>Plans <paramref name="graph"/>; the caller owns the layers of the result.</summary>
    /// <exception cref="PlanningException">A node cannot be planned.</exception>
    public static GraphPlan Plan(OnnxGraph graph, ConvolutionTechnique technique)
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
        var input = NewValue(_graph.Input, _graph.InputShape);
        for (var i = 0; i < _graph.Nodes.Count; i++)
        {
            if (_fused[i])
            {
                continue;
            }
            var node = _graph.Nodes[i];
            try
            {
                PlanNode(i, node);
            }
            catch (PlanningException)
            {
                throw;
            }
            catch (Exception e) when (e is ArgumentException or CnnPerfException or InvalidOperationException or KeyNotFoundException or OverflowException)
            {
                throw new PlanningException(node, e.Message, e);
            }
        }
        var output = Value(_graph.Output, null);
        return new GraphPlan(_layers, _shapes, _roots, _offsets, _constants, input, output);
    }

    private void PlanNode(int index, NodeProto node)
    {
        switch (node.OpType)
        {
            case "Conv":
                PlanConvolution(index, node);
                break;
            case "BatchNormalization":
                PlanBatchNormalization(index, node);
                break;
            case "Relu":
            case "Clip":
            {
                var input = Value(node.Input[0], node);
                var (activation, output, ops) = FuseActivations(index, ClampOf(node), node.Output[0], node.OpType);
                var shape = _shapes[input];
                var id = NewValue(output, shape);
                _layers.Add(new ScaleShiftLayer(node.Name, ops, [1f], [0f], 1, Count(shape), activation, input, id));
                break;
            }
            case "MaxPool":
            case "AveragePool":
                PlanPooling(node);
                break;
            case "GlobalAveragePool":
            {
                var input = Value(node.Input[0], node);
                var shape = Require4D(input, node);
                var id = NewValue(node.Output[0], [shape[0], shape[1], 1, 1]);
                _layers.Add(new GlobalAveragePoolLayer(node.Name, shape[0] * shape[1], shape[2] * shape[3], input, id));
                break;
            }
            case "LRN":
            {
                var input = Value(node.Input[0], node);
                var shape = Require4D(input, node);
                var id = NewValue(node.Output[0], shape);
                _layers.Add(new LrnLayer(node.Name, shape[0], shape[1], shape[2] * shape[3], checked((int)node.GetInt("size", 0)),
                    node.GetFloat("alpha", 1e-4f), node.GetFloat("beta", 0.75f), node.GetFloat("bias", 1f), input, id));
                break;
            }
            case "Gemm":
            case "MatMul":
                PlanFullyConnected(index, node);
                break;
            case "Add":
            {
                var a = Value(node.Input[0], node);
                var b = Value(node.Input[1], node);
                var shape = AddLayer.BroadcastShape(_shapes[a], _shapes[b])
                    ?? throw new PlanningException(node, $"shapes {Format(_shapes[a])} and {Format(_shapes[b])} do not broadcast");
                var (activation, output, ops) = FuseActivations(index, Activation.None, node.Output[0], "Add");
                _layers.Add(new AddLayer(node.Name, ops, a, _shapes[a], b, _shapes[b], shape, activation, NewValue(output, shape)));
                break;
            }
            case "Concat":
                PlanConcat(node);
                break;
            case "Softmax":
            {
                var input = Value(node.Input[0], node);
                var shape = _shapes[input];
                var axis = Axis(node.GetInt("axis", _graph.Opset >= 13 ? -1 : 1), shape.Length);
                var outer = Count(shape[..axis]);
                var (length, inner) = _graph.Opset >= 13 ? (shape[axis], Count(shape[(axis + 1)..])) : (Count(shape[axis..]), 1);
                _layers.Add(new SoftmaxLayer(node.Name, outer, length, inner, input, NewValue(node.Output[0], shape)));
                break;
            }
            case "Flatten":
            {
                var input = Value(node.Input[0], node);
                var shape = _shapes[input];
                var axis = Axis(node.GetInt("axis", 1), shape.Length + 1);
                Alias(node.Output[0], input, [Count(shape[..axis]), Count(shape[axis..])]);
                break;
            }
            case "Reshape":
                PlanReshape(node);
                break;
            case "Dropout":
            case "Identity":
                if (node.Output.Count > 1 && _consumers.ContainsKey(node.Output[1]))
                {
                    throw new PlanningException(node, "the Dropout mask output is not supported");
                }
                var source = Value(node.Input[0], node);
                Alias(node.Output[0], source, _shapes[source]);
                break;
            default:
                throw new PlanningException(node, "operator not supported by the managed engine");
        }
    }

    private void PlanConvolution(int index, NodeProto node)
    {
        var input = Value(node.Input[0], node);
        var shape = Require4D(input, node);
        var weightsTensor = TakeConstant(node, 1, "weights");
        var weights = OnnxTensors.ToFloats(weightsTensor);
        var wd = OnnxTensors.Dimensions(weightsTensor);
        if (wd.Length != 4)
        {
            throw new PlanningException(node, $"only 2-D convolutions are supported (weights have shape {Format(wd)})");
        }
        var group = checked((int)node.GetInt("group", 1));
        var strides = Ints(node, "strides", 2, 1);
        var dilations = Ints(node, "dilations", 2, 1);
        if (wd[1] * group != shape[1] || wd[0] % group != 0)
        {
            throw new PlanningException(node, $"weights {Format(wd)} with group {group} do not match input {Format(shape)}");
        }
        var pads = Pads(node, [shape[2], shape[3]], [wd[2], wd[3]], strides, dilations);
        var geometry = new ConvolutionGeometry(shape[1], shape[2], shape[3], wd[0], wd[2], wd[3], strides[0], strides[1],
            dilations[0], dilations[1], pads[0], pads[1], pads[2], pads[3], group);
        if (geometry.OutHeight <= 0 || geometry.OutWidth <= 0)
        {
            throw new PlanningException(node, $"the output of input {Format(shape)} would be empty");
        }
        var bias = node.Input.Count > 2 && node.Input[2] != "" ? OnnxTensors.ToFloats(Constant(node, 2, "bias")) : new float[wd[0]];
        var ops = "Conv";
        var output = node.Output[0];
        var outputShape = new[] { shape[0], geometry.OutChannels, geometry.OutHeight, geometry.OutWidth };

        if (SingleConsumer(output) is { } bnIndex && _graph.Nodes[bnIndex].OpType == "BatchNormalization")
        {
            var bn = _graph.Nodes[bnIndex];
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
            _fused[bnIndex] = true;
            output = bn.Output[0];
            ops += "+BatchNormalization";
        }

        var residual = -1;
        if (SingleConsumer(output) is { } addIndex && _graph.Nodes[addIndex].OpType == "Add")
        {
            var add = _graph.Nodes[addIndex];
            var other = add.Input[0] == output ? add.Input[1] : add.Input[0];
            if (other != output && _ids.TryGetValue(other, out var otherId) && !_constants.ContainsKey(_roots[otherId])
                && _shapes[otherId].AsSpan().SequenceEqual(outputShape))
            {
                residual = otherId;
                _fused[addIndex] = true;
                output = add.Output[0];
                ops += "+Add";
            }
        }

        var (activation, finalOutput, finalOps) = FuseActivations(index, Activation.None, output, ops);
        var technique = ConvolutionFactory.Choose(geometry, _technique);
        var kernel = ConvolutionFactory.Create(technique, geometry, weights, bias, activation);
        ReleaseTransient(weights.Length);
        _layers.Add(new ConvolutionLayer(node.Name, finalOps, kernel, shape[0], input, residual, NewValue(finalOutput, outputShape)));
    }

    private void PlanBatchNormalization(int index, NodeProto node)
    {
        var input = Value(node.Input[0], node);
        var shape = _shapes[input];
        var (scale, shift) = BatchNormalization(node);
        if (shape.Length < 2 || shape[1] != scale.Length)
        {
            throw new PlanningException(node, $"{scale.Length} channels of parameters do not match input {Format(shape)}");
        }
        var (activation, output, ops) = FuseActivations(index, Activation.None, node.Output[0], "BatchNormalization");
        _layers.Add(new ScaleShiftLayer(node.Name, ops, scale, shift, shape[0], Count(shape[2..]), activation, input, NewValue(output, shape)));
    }

    private (float[] Scale, float[] Shift) BatchNormalization(NodeProto node)
    {
        if (node.Output.Count > 1 && node.Output.Skip(1).Any(o => o != "" && _consumers.ContainsKey(o)))
        {
            throw new PlanningException(node, "training-mode outputs of BatchNormalization are not supported");
        }
        var gamma = OnnxTensors.ToFloats(Constant(node, 1, "scale"));
        var beta = OnnxTensors.ToFloats(Constant(node, 2, "bias"));
        var mean = OnnxTensors.ToFloats(Constant(node, 3, "mean"));
        var variance = OnnxTensors.ToFloats(Constant(node, 4, "variance"));
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

    private void PlanPooling(NodeProto node)
    {
        if (node.Output.Count > 1 && _consumers.ContainsKey(node.Output[1]))
        {
            throw new PlanningException(node, "the Indices output of MaxPool is not supported");
        }
        var input = Value(node.Input[0], node);
        var shape = Require4D(input, node);
        var kernel = Ints(node, "kernel_shape", 2, 0);
        var strides = Ints(node, "strides", 2, 1);
        var dilations = Ints(node, "dilations", 2, 1);
        if (kernel[0] <= 0 || dilations.Any(d => d != 1))
        {
            throw new PlanningException(node, "pooling needs a kernel_shape and no dilation");
        }
        var pads = Pads(node, [shape[2], shape[3]], kernel, strides, dilations);
        var ceil = node.GetInt("ceil_mode", 0) != 0;
        var outHeight = PoolingGeometry.OutputSize(shape[2], kernel[0], strides[0], pads[0], pads[2], ceil);
        var outWidth = PoolingGeometry.OutputSize(shape[3], kernel[1], strides[1], pads[1], pads[3], ceil);
        var geometry = new PoolingGeometry(shape[1], shape[2], shape[3], outHeight, outWidth, kernel[0], kernel[1], strides[0], strides[1],
            pads[0], pads[1], pads[2], pads[3], node.OpType == "MaxPool", node.GetInt("count_include_pad", 0) != 0);
        _layers.Add(new PoolingLayer(node.Name, node.OpType, geometry, shape[0], input, NewValue(node.Output[0], [shape[0], shape[1], outHeight, outWidth])));
    }

    private void PlanFullyConnected(int index, NodeProto node)
    {
        var input = Value(node.Input[0], node);
        var shape = _shapes[input];
        var bTensor = TakeConstant(node, 1, "weights");
        var b = OnnxTensors.ToFloats(bTensor);
        var bd = OnnxTensors.Dimensions(bTensor);
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
        if (shape[^1] != depth)
        {
            throw new PlanningException(node, $"input {Format(shape)} does not match weights {Format(bd)}");
        }
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
        if (gemm && node.Input.Count > 2 && node.Input[2] != "")
        {
            var c = OnnxTensors.ToFloats(Constant(node, 2, "C"));
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
        var (activation, output, ops) = FuseActivations(index, Activation.None, node.Output[0], node.OpType);
        var outputShape = shape.ToArray();
        outputShape[^1] = outputs;
        _layers.Add(new FullyConnectedLayer(node.Name, ops, weights, bias, Count(shape[..^1]), depth, outputs, activation, input, NewValue(output, outputShape)));
        ReleaseTransient(weights.Length + b.Length);
    }

    private void PlanConcat(NodeProto node)
    {
        var inputs = node.Input.Select(i => Value(i, node)).ToArray();
        var first = _shapes[inputs[0]];
        var axis = Axis(node.GetInt("axis", 1), first.Length);
        var shape = first.ToArray();
        shape[axis] = 0;
        foreach (var id in inputs)
        {
            var s = _shapes[id];
            for (var d = 0; d < s.Length; d++)
            {
                if (d != axis && (s.Length != first.Length || s[d] != first[d]))
                {
                    throw new PlanningException(node, $"input shapes {string.Join(" and ", inputs.Select(i => Format(_shapes[i])))} differ outside axis {axis}");
                }
            }
            shape[axis] += s[axis];
        }
        var output = NewValue(node.Output[0], shape);
        if (Count(first[..axis]) == 1 && node.Input.All(name => WritableInPlace(name, node)) && inputs.Distinct().Count() == inputs.Length)
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
        _layers.Add(new ConcatLayer(node.Name, inputs, chunks, Count(first[..axis]), output));
    }

    /// <summary>
    /// Whether input <paramref name="name"/> of <paramref name="concat"/> can be computed straight into the
    /// concatenation's output: a layer computes it, nothing else reads it or shares its memory, and it is not the
    /// graph's output.
    /// </summary>
    private bool WritableInPlace(string name, NodeProto concat)
    {
        var id = _ids[name];
        // A value that another value aliases is read by that value's node too, so the one-consumer test covers sharing.
        return _layers.Any(l => l.Output == id) && _roots[id] == id
            && _consumers[name] is [var only] && _graph.Nodes[only] == concat && name != _graph.Output;
    }

    private void PlanReshape(NodeProto node)
    {
        var input = Value(node.Input[0], node);
        var shape = _shapes[input];
        var target = node.Input.Count > 1 ? OnnxTensors.ToInt64s(Constant(node, 1, "shape")) : node.GetInts("shape")
            ?? throw new PlanningException(node, "Reshape has no target shape");
        var result = new int[target.Length];
        var unknown = -1;
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                unknown = i;
                result[i] = 1;
            }
            else
            {
                result[i] = target[i] == 0 ? shape[i] : checked((int)target[i]);
            }
        }
        if (unknown >= 0)
        {
            result[unknown] = Count(shape) / Count(result);
        }
        if (Count(result) != Count(shape))
        {
            throw new PlanningException(node, $"cannot reshape {Format(shape)} to {Format(result)}");
        }
        Alias(node.Output[0], input, result);
    }

    private (Activation Activation, string Output, string Ops) FuseActivations(int index, Activation activation, string output, string ops)
    {
        while (SingleConsumer(output) is { } next && _graph.Nodes[next].OpType is "Relu" or "Clip" && next > index)
        {
            var node = _graph.Nodes[next];
            activation = activation.Then(ClampOf(node));
            _fused[next] = true;
            output = node.Output[0];
            ops += "+" + node.OpType;
        }
        return (activation, output, ops);
    }

    /// <summary>
    /// Weights pass through managed arrays (decoded, folded) on their way into native packed form, and the file's
    /// copies of packed weights are dropped (<see cref="TakeConstant"/>). Collecting them every 32 MB keeps that
    /// garbage from adding up to the size of the model on top of the packed weights, so the peak memory of loading
    /// stays near the packed weights plus what of the file is still to be planned.
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

    private Activation ClampOf(NodeProto node)
    {
        if (node.OpType == "Relu")
        {
            return Activation.Relu;
        }
        if (_graph.Opset < 11)
        {
            return new Activation(node.GetFloat("min", float.NegativeInfinity), node.GetFloat("max", float.PositiveInfinity));
        }
        var low = node.Input.Count > 1 && node.Input[1] != "" ? OnnxTensors.ToFloats(Constant(node, 1, "min"))[0] : float.NegativeInfinity;
        var high = node.Input.Count > 2 && node.Input[2] != "" ? OnnxTensors.ToFloats(Constant(node, 2, "max"))[0] : float.PositiveInfinity;
        return new Activation(low, high);
    }

    private int? SingleConsumer(string value)
    {
        if (value == _graph.Output || !_consumers.TryGetValue(value, out var consumers) || consumers.Count != 1)
        {
            return null;
        }
        return consumers[0];
    }

    private TensorProto Constant(NodeProto node, int input, string role)
    {
        if (node.Input.Count <= input || !_graph.Constants.TryGetValue(node.Input[input], out var tensor))
        {
            throw new PlanningException(node, $"the {role} (input {input}) must be a constant initializer");
        }
        return tensor;
    }

    /// <summary>
    /// As <see cref="Constant"/>, and when <paramref name="node"/> is the tensor's only reader, drops it from the
    /// graph: a layer's weights are then held only in packed form, and the file's copy can be collected while the
    /// rest of the model is planned (see <see cref="ReleaseTransient"/>).
    /// </summary>
    private TensorProto TakeConstant(NodeProto node, int input, string role)
    {
        var tensor = Constant(node, input, role);
        if (_consumers[node.Input[input]] is [_])
        {
            _graph.Constants.Remove(node.Input[input]);
        }
        return tensor;
    }

    private int Value(string name, NodeProto? node)
    {
        if (_ids.TryGetValue(name, out var id))
        {
            return id;
        }
        if (_graph.Constants.TryGetValue(name, out var tensor))
        {
            id = NewValue(name, OnnxTensors.Dimensions(tensor));
            _constants[id] = OnnxTensors.ToFloats(tensor);
            return id;
        }
        throw node is null
            ? new PlanningException(null, $"the graph output '{name}' is never computed")
            : new PlanningException(node, $"input '{name}' is not computed before this node");
    }

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

    private int[] Require4D(int value, NodeProto node)
    {
        var shape = _shapes[value];
        return shape.Length == 4 ? shape : throw new PlanningException(node, $"expects an NCHW input, got shape {Format(shape)}");
    }

    private static int[] Ints(NodeProto node, string name, int count, int defaultValue)
    {
        var values = node.GetInts(name);
        if (values is null)
        {
            return Enumerable.Repeat(defaultValue, count).ToArray();
        }
        if (values.Length != count)
        {
            throw new PlanningException(node, $"attribute {name} has {values.Length} values, expected {count}");
        }
        return values.Select(v => checked((int)v)).ToArray();
    }

    /// <summary>Pads as [top, left, bottom, right], resolving auto_pad.</summary>
    private static int[] Pads(NodeProto node, int[] input, int[] kernel, int[] strides, int[] dilations)
    {
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            var pads = new int[4];
            for (var d = 0; d < 2; d++)
            {
                var output = (input[d] + strides[d] - 1) / strides[d];
                var total = Math.Max(0, (output - 1) * strides[d] + (kernel[d] - 1) * dilations[d] + 1 - input[d]);
                var small = total / 2;
                (pads[d], pads[d + 2]) = autoPad == "SAME_UPPER" ? (small, total - small) : (total - small, small);
            }
            return pads;
        }
        if (autoPad == "VALID")
        {
            return new int[4];
        }
        var explicitPads = Ints(node, "pads", 4, 0);
        return [explicitPads[0], explicitPads[1], explicitPads[2], explicitPads[3]];
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
