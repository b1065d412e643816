using CnnPerf.Backends;
using CnnPerf.Models;
using Google.Protobuf;

namespace CnnPerf.Onnx;

/// <summary>
/// An ONNX model read once into an immutable view: its name, operator-set version, single input and output,
/// computation nodes with typed attributes, constants (initializers and <c>Constant</c> node values), the producer
/// and consumers of every value, and the shape of every value, inferred on first request by CnnPerf's one shape
/// engine. Every backend and the feature extractor read models through it. Safe to share between threads.
/// </summary>
/// <remarks>
/// <para>A model is read only if CnnPerf can run it, by one rule for every backend; otherwise reading throws an
/// <see cref="OnnxModelException"/> that says which rule it breaks:</para>
/// <list type="bullet">
/// <item>the file is a complete ONNX protobuf with graph nodes, and imports a version of the default operator set;</item>
/// <item>the graph has exactly one input and one output. Initializers and <c>Constant</c> node outputs are
/// constants, not inputs, even when the file also lists them among the graph inputs;</item>
/// <item>the input, and the output where its type is declared, are FLOAT tensors; the input declares its shape;</item>
/// <item><b>symbolic dimensions</b>: the input's first dimension, the batch, may be symbolic or unknown and is
/// taken as 1 (CnnPerf runs one image per inference); every other input dimension must be a fixed size. The
/// output's first dimension, when symbolic, is the batch too;</item>
/// <item>the input fits one CnnPerf tensor (at most <see cref="Array.MaxLength"/> elements), else it is "too large".</item>
/// </list>
/// </remarks>
public sealed class OnnxModel
{
    /// <summary>The size a symbolic or unknown batch dimension is taken as.</summary>
    public const int SymbolicBatch = 1;

    private readonly Dictionary<string, OnnxTensor> _constants;
    private readonly Dictionary<string, OnnxNode> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OnnxNode>> _consumers = new(StringComparer.Ordinal);
    private readonly Lazy<Dictionary<string, long[]>> _shapes;

    private readonly ModelProto _proto;

    private OnnxModel(ModelProto proto, bool hasWeights, string name, long opset, OnnxValueInfo input, TensorShape inputShape, OnnxValueInfo output,
        Dictionary<string, OnnxTensor> constants, IEnumerable<NodeProto> computationNodes, IReadOnlyList<string> listedConstantOutputs)
    {
        _proto = proto;
        HasWeights = hasWeights;
        ListedConstantOutputs = listedConstantOutputs;
        Name = name;
        Opset = opset;
        Input = input;
        InputShape = inputShape;
        Output = output;
        _constants = constants;
        var nodes = new List<OnnxNode>();
        foreach (var nodeProto in computationNodes)
        {
            var node = new OnnxNode(nodeProto, nodes.Count, Constant);
            nodes.Add(node);
            foreach (var value in node.Inputs.Where(v => v.Length > 0).Distinct())
            {
                if (!_consumers.TryGetValue(value, out var list))
                {
                    _consumers[value] = list = [];
                }
                list.Add(node);
            }
            foreach (var value in node.Outputs.Where(v => v.Length > 0))
            {
                _producers[value] = node;
            }
        }
        Nodes = nodes;
        _shapes = new Lazy<Dictionary<string, long[]>>(() => OnnxShapeInference.Infer(this));
    }

    /// <summary>The model's name (for messages: a zoo name or the file name).</summary>
    public string Name { get; }

    /// <summary>The version of the default ONNX operator set the model imports.</summary>
    public long Opset { get; }

    /// <summary>The graph's single input, as declared.</summary>
    public OnnxValueInfo Input { get; }

    /// <summary>The input's shape, a symbolic batch taken as <see cref="SymbolicBatch"/>.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The graph's single output, as declared.</summary>
    public OnnxValueInfo Output { get; }

    /// <summary>The computation nodes in file order (<c>Constant</c> nodes are constants, not among them).</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>
    /// The values the file lists among the graph inputs although a <c>Constant</c> node produces them: constants, not
    /// inputs (a framework that reads the file itself may still ask for data for them).
    /// </summary>
    public IReadOnlyList<string> ListedConstantOutputs { get; }

    /// <summary>The constants by value name: initializers and <c>Constant</c> node values.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Constants => _constants;

    /// <summary>
    /// The output's shape: as declared when every dimension is fixed (a symbolic batch taken as
    /// <see cref="SymbolicBatch"/>), else inferred by the shape engine; null when neither gives it.
    /// </summary>
    public TensorShape? OutputShape
    {
        get
        {
            var declared = Output.Dimensions?.Select(Resolve).ToArray();
            long[]? shape = declared is { Length: > 0 } && declared.All(d => d is not null) ? [.. declared.Select(d => d!.Value)] : null;
            if (shape is null)
            {
                try
                {
                    shape = ShapeOf(Output.Name);
                }
                catch (OnnxModelException)
                {
                    return null;
                }
            }
            return shape.All(d => d is > 0 and <= int.MaxValue) ? new TensorShape([.. shape.Select(d => (int)d)]) : null;
        }
    }

    /// <summary>True when the initializers' data was read; false for a view read without weights (see <see cref="Load(string, string?, bool)"/>).</summary>
    public bool HasWeights { get; }

    /// <summary>Reads the model of <paramref name="source"/> (an ONNX file).</summary>
    /// <param name="source">The model.</param>
    /// <param name="withWeights">False to leave the initializers' data unread (see <see cref="Load(string, string?, bool)"/>).</param>
    /// <exception cref="OnnxModelException">The file is missing or unreadable, or the model breaks a rule (see the remarks).</exception>
    public static OnnxModel Load(ModelSource source, bool withWeights = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Format != ModelFormat.Onnx)
        {
            throw new OnnxModelException(source.Name, $"the file is {source.Format}, not ONNX");
        }
        return Load(source.Path, source.Name, withWeights);
    }

    /// <summary>Reads the ONNX file at <paramref name="path"/>; <paramref name="name"/> (default: the file name) names it in messages.</summary>
    /// <param name="path">The file.</param>
    /// <param name="name">The model's name in messages.</param>
    /// <param name="withWeights">
    /// False to leave the initializers' data unread, for a framework that reads the file itself: the view then takes
    /// almost no memory (the file's weights are not held twice while the framework loads); its initializers have
    /// their names, types and dimensions but no values, and shapes that depend on their values cannot be inferred.
    /// </param>
    /// <exception cref="OnnxModelException">The file is missing or unreadable, or the model breaks a rule (see the remarks).</exception>
    public static OnnxModel Load(string path, string? name = null, bool withWeights = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        name ??= Path.GetFileNameWithoutExtension(path);
        if (!File.Exists(path))
        {
            throw new OnnxModelException(name, $"ONNX file not found: {path}");
        }
        ModelProto proto;
        try
        {
            using var stream = File.OpenRead(path);
            proto = withWeights ? ModelProto.Parser.ParseFrom(stream) : WithoutWeights(ModelHeaderProto.Parser.WithDiscardUnknownFields(true).ParseFrom(stream));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxModelException(name, $"'{path}' is not a valid ONNX file (corrupt or truncated protobuf: {e.Message})", innerException: e);
        }
        catch (IOException e)
        {
            throw new OnnxModelException(name, $"cannot read '{path}': {e.Message}", innerException: e);
        }
        return From(proto, name, $"'{path}'", withWeights);
    }

    /// <summary>Reads a model from the bytes of an ONNX file.</summary>
    /// <exception cref="OnnxModelException">The bytes are not an ONNX model, or the model breaks a rule (see the remarks).</exception>
    public static OnnxModel Read(byte[] model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return From(ModelProto.Parser.ParseFrom(model), name, "the model", hasWeights: true);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxModelException(name, $"the bytes are not a valid ONNX file (corrupt or truncated protobuf: {e.Message})", innerException: e);
        }
    }

    /// <summary>The constant named <paramref name="value"/>, or null when it is computed (or unknown).</summary>
    public OnnxTensor? Constant(string value) => _constants.GetValueOrDefault(value);

    /// <summary>The node that computes <paramref name="value"/>; null for the input, a constant or an unknown name.</summary>
    public OnnxNode? Producer(string value) => _producers.GetValueOrDefault(value);

    /// <summary>The nodes that read <paramref name="value"/>, in file order (each once).</summary>
    public IReadOnlyList<OnnxNode> Consumers(string value) => _consumers.TryGetValue(value, out var list) ? list : [];

    /// <summary>The first node named <paramref name="name"/>; null when there is none.</summary>
    public OnnxNode? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>The shape of a value (the input, a constant or a node output), from the shape engine (a new array).</summary>
    /// <exception cref="OnnxModelException">The shape engine does not know an operator of the graph, or the graph is inconsistent.</exception>
    public long[] ShapeOf(string value)
    {
        var shapes = _shapes.Value;
        return shapes.TryGetValue(value, out var shape)
            ? [.. shape]
            : throw new OnnxModelException(Name, $"no node computes the value '{value}'");
    }

    /// <summary>
    /// The model as the bytes of an ONNX file with the output's shape declared: as inferred by the shape engine, or a
    /// one-dimensional placeholder where it cannot infer it. For a framework whose importer refuses an output that
    /// declares no shape but computes the shape itself (OpenCV DNN).
    /// </summary>
    /// <exception cref="InvalidOperationException">The view was read without its weights.</exception>
    public byte[] WithDeclaredOutputShape()
    {
        if (!HasWeights)
        {
            throw new InvalidOperationException($"model '{Name}' was read without its weights, it cannot be written");
        }
        OnnxDimension[] shape;
        try
        {
            shape = [.. ShapeOf(Output.Name).Select(d => (OnnxDimension)d)];
        }
        catch (OnnxModelException)
        {
            shape = [1];
        }
        var copy = new ModelProto(_proto) { Graph = new GraphProto(_proto.Graph) };
        var index = copy.Graph.Output.ToList().FindIndex(o => o.Name == Output.Name);
        copy.Graph.Output[index] = new OnnxValueInfo(Output.Name, OnnxElementType.Float, shape).ToProto();
        return copy.ToByteArray();
    }

    /// <summary>The shapes of every value, for Core's readers (the arrays must not be changed).</summary>
    internal IReadOnlyDictionary<string, long[]> Shapes => _shapes.Value;

    /// <summary>A model read without its initializers' data, as a model whose initializers hold no values.</summary>
    private static ModelProto WithoutWeights(ModelHeaderProto header)
    {
        var model = new ModelProto { IrVersion = header.IrVersion };
        model.OpsetImport.AddRange(header.OpsetImport);
        if (header.Graph is { } graph)
        {
            model.Graph = new GraphProto { Name = graph.Name };
            model.Graph.Node.AddRange(graph.Node);
            model.Graph.Input.AddRange(graph.Input);
            model.Graph.Output.AddRange(graph.Output);
            model.Graph.Initializer.AddRange(graph.Initializer.Select(t => new TensorProto { Name = t.Name, DataType = t.DataType, Dims = { t.Dims } }));
        }
        return model;
    }

    private static OnnxModel From(ModelProto proto, string name, string what, bool hasWeights)
    {
        var graph = proto.Graph;
        if (graph is null || graph.Node.Count == 0)
        {
            throw new OnnxModelException(name, $"{what} is not a valid ONNX file: it holds no graph nodes");
        }
        var opset = proto.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
        if (opset <= 0)
        {
            throw new OnnxModelException(name, "the model imports no version of the default ONNX operator set");
        }
        var constants = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
        {
            constants[initializer.Name] = new OnnxTensor(initializer, hasData: hasWeights);
        }
        var initializers = constants.Keys.ToHashSet(StringComparer.Ordinal);
        var computation = new List<NodeProto>(graph.Node.Count);
        foreach (var node in graph.Node)
        {
            if (node.OpType == "Constant" && node.Domain is "" or "ai.onnx")
            {
                var value = ConstantValue(node, name);
                constants[value.Name] = value;
            }
            else
            {
                computation.Add(node);
            }
        }
        var inputs = graph.Input.Where(i => !constants.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            var listed = inputs.Count == 0 ? "no input besides its constants" : $"{inputs.Count} inputs ({Names(inputs)})";
            throw new OnnxModelException(name, $"the graph has {listed}; CnnPerf runs models with exactly one");
        }
        if (graph.Output.Count != 1)
        {
            var listed = graph.Output.Count == 0 ? "no output" : $"{graph.Output.Count} outputs ({Names(graph.Output)})";
            throw new OnnxModelException(name, $"the graph has {listed}; CnnPerf runs models with exactly one");
        }
        var input = OnnxValueInfo.From(inputs[0]);
        var output = OnnxValueInfo.From(graph.Output[0]);
        if (input.ElementType != OnnxElementType.Float)
        {
            throw new OnnxModelException(name, $"input '{input.Name}' has element type {input.ElementType}; CnnPerf runs float32 models");
        }
        if (output.ElementType is not (OnnxElementType.Float or OnnxElementType.Undefined))
        {
            throw new OnnxModelException(name, $"output '{output.Name}' has element type {output.ElementType}; CnnPerf runs float32 models");
        }
        var listedConstantOutputs = graph.Input.Select(i => i.Name).Where(n => constants.ContainsKey(n) && !initializers.Contains(n)).ToList();
        return new OnnxModel(proto, hasWeights, name, opset, input, ResolveInputShape(input, name), output, constants, computation, listedConstantOutputs);
    }

    /// <summary>
    /// The one rule for symbolic dimensions (see the remarks of the class): a fixed size stays, a symbolic or unknown
    /// batch (axis 0) is <see cref="SymbolicBatch"/>, any other symbolic or unknown dimension has no size (null).
    /// </summary>
    private static long? Resolve(OnnxDimension dimension, int axis) => dimension.IsFixed ? dimension.Value : axis == 0 ? SymbolicBatch : null;

    /// <summary>The input's shape by <see cref="Resolve"/>; a dimension without a size is an error.</summary>
    private static TensorShape ResolveInputShape(OnnxValueInfo input, string model)
    {
        if (input.Dimensions is not { Count: > 0 } dimensions)
        {
            throw new OnnxModelException(model, $"input '{input.Name}' declares no shape");
        }
        var resolved = new long[dimensions.Count];
        for (var axis = 0; axis < dimensions.Count; axis++)
        {
            var d = dimensions[axis];
            resolved[axis] = Resolve(d, axis) ?? throw new OnnxModelException(model,
                $"input '{input.Name}' {Format(dimensions)} has {(d.Symbol is null ? "an unknown" : "the symbolic")} dimension {d} at axis {axis}; only the batch (axis 0) may be symbolic, the others must be fixed");
        }
        var elements = OnnxShapes.ElementCount(resolved);
        if (resolved.Any(d => d > int.MaxValue) || elements > Array.MaxLength || elements < 0)
        {
            throw new OnnxModelException(model,
                $"input '{input.Name}' {Format(dimensions)} is too large: {(double)resolved.Aggregate(1.0, (p, d) => p * d):N0} elements, a CnnPerf tensor holds at most {Array.MaxLength:N0}");
        }
        return new TensorShape([.. resolved.Select(d => (int)d)]);
    }

    /// <summary>The first few names, quoted, for a message of one line.</summary>
    private static string Names(IEnumerable<ValueInfoProto> values)
    {
        const int shown = 4;
        var names = values.Select(v => $"'{v.Name}'").ToList();
        return string.Join(", ", names.Take(shown)) + (names.Count > shown ? $", ... {names.Count - shown} more" : "");
    }

    private static string Format(IReadOnlyList<OnnxDimension> dimensions) => "[" + string.Join(",", dimensions) + "]";

    /// <summary>The value a <c>Constant</c> node defines (its <c>value</c> tensor, or a scalar or list attribute), named after its output.</summary>
    private static OnnxTensor ConstantValue(NodeProto node, string model)
    {
        var output = node.Output.FirstOrDefault() ?? "";
        var attribute = node.Attribute.FirstOrDefault();
        TensorProto? value = attribute?.Name switch
        {
            "value" => attribute.T,
            "value_float" => ScalarOrList(output, OnnxElementType.Float, [], t => t.FloatData.Add(attribute.F)),
            "value_floats" => ScalarOrList(output, OnnxElementType.Float, [attribute.Floats.Count], t => t.FloatData.AddRange(attribute.Floats)),
            "value_int" => ScalarOrList(output, OnnxElementType.Int64, [], t => t.Int64Data.Add(attribute.I)),
            "value_ints" => ScalarOrList(output, OnnxElementType.Int64, [attribute.Ints.Count], t => t.Int64Data.AddRange(attribute.Ints)),
            _ => null,
        };
        if (value is null || output.Length == 0 || node.Attribute.Count != 1)
        {
            var label = node.Name.Length > 0 ? node.Name : output;
            throw new OnnxModelException(model, "a Constant node needs one output and one attribute: value, value_float(s) or value_int(s)", label, "Constant");
        }
        return new OnnxTensor(value, output);
    }

    private static TensorProto ScalarOrList(string name, OnnxElementType type, long[] dimensions, Action<TensorProto> fill)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dimensions);
        fill(tensor);
        return tensor;
    }
}
