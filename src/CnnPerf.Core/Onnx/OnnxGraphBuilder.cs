namespace CnnPerf.Onnx;

/// <summary>
/// Builds an ONNX (opset 13) inference graph of a CNN layer by layer, with deterministic seeded weights:
/// He-uniform convolution kernels (variance 2 / fan-in), LeCun-uniform fully connected weights (variance
/// 1 / fan-in), small random biases and batch-norm statistics near the identity (mean near 0, variance near 1,
/// scale near 1, shift near 0, each with a seeded spread). The same seed and the same sequence of calls give a
/// byte-identical model on every machine. Every method infers the shape of its result, so a
/// mistake in an architecture fails at build time, naming the node.
/// </summary>
/// <remarks>
/// Only operators and attributes that ONNX Runtime, OpenCV DNN and a plain interpreter all accept are
/// emitted: square kernels, symmetric padding, <c>Clip</c> with its bounds as inputs, <c>Gemm</c> with
/// <c>transB=1</c>. Node names are <c>scope/op_n</c>; a node's weights are named after the node.
/// </remarks>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX operator set version of every model this builder writes.</summary>
    public const int OpsetVersion = 13;

    /// <summary>The ONNX IR version matching <see cref="OpsetVersion"/>.</summary>
    public const int IrVersion = 7;

    private readonly OnnxModelWriter _writer;
    private readonly string _graphName;
    private readonly SeededWeights _random;
    private readonly Dictionary<string, long[]> _shapes = [];
    private readonly Dictionary<string, OnnxTensor> _constants = [];
    private int _nodeCount;
    private bool _hasOutput;
    private readonly Dictionary<string, int> _nameCounts = [];
    private readonly Stack<string> _scopes = new();
    private bool _built;

    /// <summary>Starts an empty graph.</summary>
    /// <param name="graphName">The graph's name (usually the model name).</param>
    /// <param name="seed">The seed of every weight this builder draws.</param>
    public OnnxGraphBuilder(string graphName, long seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        _writer = new OnnxModelWriter(graphName);
        _graphName = graphName;
        _random = new SeededWeights(seed);
    }

    /// <summary>Declares a FLOAT graph input of a fixed shape.</summary>
    public OnnxValue Input(string name, params long[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
        {
            throw new ArgumentException($"input '{name}' needs positive dimensions, got [{string.Join(",", shape)}]", nameof(shape));
        }
        if (_shapes.ContainsKey(name))
        {
            throw new ArgumentException($"value '{name}' already exists", nameof(name));
        }
        _writer.Input(name, [.. shape.Select(d => (OnnxDimension)d)]);
        _shapes[name] = shape;
        return new OnnxValue(name, shape);
    }

    /// <summary>Declares <paramref name="value"/> a graph output.</summary>
    public OnnxGraphBuilder Output(OnnxValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _writer.Output(value.Name, [.. value.Shape.Select(d => (OnnxDimension)d)]);
        _hasOutput = true;
        return this;
    }

    /// <summary>
    /// Prefixes the names of the nodes added until the returned scope is disposed, for example
    /// <c>layer1.0</c> gives <c>layer1.0/conv_1</c>. Scopes nest.
    /// </summary>
    public IDisposable Scope(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _scopes.Push(_scopes.Count == 0 ? name : $"{_scopes.Peek()}/{name}");
        return new ScopeExit(_scopes);
    }

    /// <summary>A 2-D convolution with He-uniform weights <c>[out, in/groups, k, k]</c> and an optional bias.</summary>
    public OnnxValue Conv(OnnxValue x, long outChannels, long kernel, long stride = 1, long pad = 0, long groups = 1, long dilation = 1, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (outChannels <= 0 || kernel <= 0 || stride <= 0 || pad < 0 || groups <= 0 || dilation <= 0)
        {
            throw new ArgumentException($"convolution parameters must be positive: out {outChannels}, kernel {kernel}, stride {stride}, pad {pad}, groups {groups}, dilation {dilation}");
        }
        if (x.Channels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"groups {groups} must divide the input channels {x.Channels} and the output channels {outChannels}");
        }
        var name = NextName("conv");
        var fanIn = x.Channels / groups * kernel * kernel;
        var inputs = new List<string>
        {
            x.Name,
            Initializer($"{name}.weight", [outChannels, x.Channels / groups, kernel, kernel], _random.Uniform(outChannels * fanIn, 0, Math.Sqrt(2.0 / fanIn))),
        };
        if (bias)
        {
            inputs.Add(Initializer($"{name}.bias", [outChannels], _random.Uniform(outChannels, 0, 0.01)));
        }
        var node = Node("Conv", name, inputs);
        node.Attribute.Add(Ints("kernel_shape", kernel, kernel));
        node.Attribute.Add(Ints("strides", stride, stride));
        node.Attribute.Add(Ints("pads", pad, pad, pad, pad));
        node.Attribute.Add(Ints("dilations", dilation, dilation));
        node.Attribute.Add(Int("group", groups));
        return Add(node);
    }

    /// <summary>Inference-mode batch normalisation with realistic seeded statistics.</summary>
    public OnnxValue BatchNormalization(OnnxValue x, float epsilon = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        var name = NextName("bn");
        var c = x.Channels;
        var node = Node("BatchNormalization", name,
        [
            x.Name,
            Initializer($"{name}.scale", [c], _random.Uniform(c, 1.0, 0.1)),
            Initializer($"{name}.bias", [c], _random.Uniform(c, 0.0, 0.1)),
            Initializer($"{name}.mean", [c], _random.Uniform(c, 0.0, 0.1)),
            Initializer($"{name}.var", [c], _random.Uniform(c, 1.0, 0.2)),
        ]);
        node.Attribute.Add(Float("epsilon", epsilon));
        return Add(node);
    }

    /// <summary>
    /// A node of an operator with one input and no attributes that keeps its input's shape (for example
    /// <c>Sigmoid</c> or <c>HardSwish</c>), named after the operator.
    /// </summary>
    public OnnxValue Unary(string opType, OnnxValue x)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        return Add(Node(opType, NextName(opType.ToLowerInvariant()), [Required(x).Name]));
    }

    /// <summary>Rectified linear unit.</summary>
    public OnnxValue Relu(OnnxValue x) => Add(Node("Relu", NextName("relu"), [Required(x).Name]));

    /// <summary>ReLU6 as <c>Clip(x, 0, 6)</c> with the bounds as shared scalar initializers (opset 11+ form).</summary>
    public OnnxValue Relu6(OnnxValue x)
    {
        const string min = "relu6.min", max = "relu6.max";
        if (!_constants.ContainsKey(min))
        {
            Initializer(min, [], [0f]);
            Initializer(max, [], [6f]);
        }
        return Add(Node("Clip", NextName("relu6"), [Required(x).Name, min, max]));
    }

    /// <summary>Max pooling over a square window; <paramref name="ceilMode"/> rounds the output size up (Caffe style).</summary>
    public OnnxValue MaxPool(OnnxValue x, long kernel, long stride, long pad = 0, bool ceilMode = false)
    {
        var node = PoolNode("MaxPool", NextName("maxpool"), Required(x), kernel, stride, pad);
        if (ceilMode)
        {
            node.Attribute.Add(Int("ceil_mode", 1));
        }
        return Add(node);
    }

    /// <summary>Average pooling over a square window (padding excluded from the average).</summary>
    public OnnxValue AveragePool(OnnxValue x, long kernel, long stride, long pad = 0) =>
        Add(PoolNode("AveragePool", NextName("avgpool"), Required(x), kernel, stride, pad));

    /// <summary>Average over all spatial positions: <c>[N,C,H,W]</c> to <c>[N,C,1,1]</c>.</summary>
    public OnnxValue GlobalAveragePool(OnnxValue x) => Add(Node("GlobalAveragePool", NextName("gap"), [Required(x).Name]));

    /// <summary>Local response normalisation across channels (AlexNet/GoogLeNet style).</summary>
    public OnnxValue Lrn(OnnxValue x, long size = 5, float alpha = 1e-4f, float beta = 0.75f, float bias = 1f)
    {
        var node = Node("LRN", NextName("lrn"), [Required(x).Name]);
        node.Attribute.Add(Int("size", size));
        node.Attribute.Add(Float("alpha", alpha));
        node.Attribute.Add(Float("beta", beta));
        node.Attribute.Add(Float("bias", bias));
        return Add(node);
    }

    /// <summary>Concatenation along the channel axis.</summary>
    public OnnxValue Concat(params OnnxValue[] values)
    {
        if (values.Length < 2)
        {
            throw new ArgumentException("Concat needs at least two values", nameof(values));
        }
        var node = Node("Concat", NextName("concat"), values.Select(v => Required(v).Name).ToList());
        node.Attribute.Add(Int("axis", 1));
        return Add(node);
    }

    /// <summary>Element-wise sum of two tensors of the same shape (a residual connection).</summary>
    public OnnxValue Add(OnnxValue a, OnnxValue b) => Add(Node("Add", NextName("add"), [Required(a).Name, Required(b).Name]));

    /// <summary>Flattens <c>[N, ...]</c> to <c>[N, rest]</c>.</summary>
    public OnnxValue Flatten(OnnxValue x)
    {
        var node = Node("Flatten", NextName("flatten"), [Required(x).Name]);
        node.Attribute.Add(Int("axis", 1));
        return Add(node);
    }

    /// <summary>A fully connected layer <c>y = x W^T + b</c> with LeCun-uniform weights <c>[out, in]</c>.</summary>
    public OnnxValue Gemm(OnnxValue x, long outFeatures)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Length != 2 || outFeatures <= 0)
        {
            throw new ArgumentException($"Gemm needs a 2-D input and positive outputs, got {x} and {outFeatures}");
        }
        var name = NextName("fc");
        var inFeatures = x.Shape[1];
        var node = Node("Gemm", name,
        [
            x.Name,
            Initializer($"{name}.weight", [outFeatures, inFeatures], _random.Uniform(outFeatures * inFeatures, 0, Math.Sqrt(1.0 / inFeatures))),
            Initializer($"{name}.bias", [outFeatures], _random.Uniform(outFeatures, 0, 0.01)),
        ]);
        node.Attribute.Add(Float("alpha", 1f));
        node.Attribute.Add(Float("beta", 1f));
        node.Attribute.Add(Int("transB", 1));
        return Add(node);
    }

    /// <summary>The finished model, as the bytes of an ONNX file. The builder cannot be used afterwards.</summary>
    /// <exception cref="InvalidOperationException">No output was declared, or the model was already built.</exception>
    public byte[] Build(string docString = "")
    {
        if (_built)
        {
            throw new InvalidOperationException("the model was already built");
        }
        if (!_hasOutput)
        {
            throw new InvalidOperationException($"graph '{_graphName}' has no output: call Output first");
        }
        _built = true;
        _writer.DocString = docString;
        return _writer.ToBytes();
    }

    private OnnxValue Add(NodeProto node)
    {
        if (_built)
        {
            throw new InvalidOperationException("the model was already built");
        }
        long[] shape;
        try
        {
            shape = OnnxShapeInference.InferNode(new OnnxNode(node, _nodeCount, _constants.GetValueOrDefault), _shapes)[0];
        }
        catch (CnnPerfException e)
        {
            throw new OnnxModelException(_graphName, e.Message, node.Name, node.OpType, e);
        }
        _shapes[node.Output[0]] = shape;
        _writer.Add(node);
        _nodeCount++;
        return new OnnxValue(node.Output[0], shape);
    }

    private static NodeProto PoolNode(string opType, string name, OnnxValue x, long kernel, long stride, long pad)
    {
        if (kernel <= 0 || stride <= 0 || pad < 0 || pad >= kernel)
        {
            throw new ArgumentException($"{opType}: kernel {kernel}, stride {stride}, pad {pad} are invalid");
        }
        var node = Node(opType, name, [x.Name]);
        node.Attribute.Add(Ints("kernel_shape", kernel, kernel));
        node.Attribute.Add(Ints("strides", stride, stride));
        node.Attribute.Add(Ints("pads", pad, pad, pad, pad));
        return node;
    }

    private string NextName(string op)
    {
        var prefix = _scopes.Count == 0 ? op : $"{_scopes.Peek()}/{op}";
        _nameCounts[prefix] = _nameCounts.GetValueOrDefault(prefix) + 1;
        var name = $"{prefix}_{_nameCounts[prefix]}";
        if (_shapes.ContainsKey(name))
        {
            throw new InvalidOperationException($"node name '{name}' is already used");
        }
        return name;
    }

    private string Initializer(string name, long[] dims, float[] values)
    {
        var tensor = OnnxTensor.FromFloats(name, dims, values);
        _writer.Add(tensor.Proto);
        _constants[name] = tensor;
        _shapes[name] = dims;
        return name;
    }

    private static NodeProto Node(string opType, string name, List<string> inputs)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        return node;
    }

    private static OnnxValue Required(OnnxValue value) => value ?? throw new ArgumentNullException(nameof(value));

    private static AttributeProto Int(string name, long value) => OnnxAttribute.Of(name, value).Proto;

    private static AttributeProto Float(string name, float value) => OnnxAttribute.Of(name, value).Proto;

    private static AttributeProto Ints(string name, params long[] values) => OnnxAttribute.Of(name, values).Proto;

    private sealed class ScopeExit(Stack<string> scopes) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                scopes.Pop();
                _disposed = true;
            }
        }
    }
}
