using Google.Protobuf;

namespace CnnPerf.Onnx;

/// <summary>
/// Writes an ONNX model exactly as told, with no checks: any operator, attribute, input or output, so that tests,
/// converters and tools can write models the zoo's <see cref="OnnxGraphBuilder"/> does not express (and models
/// CnnPerf refuses to run). <see cref="OnnxModel"/> reads what it writes.
/// </summary>
public sealed class OnnxModelWriter
{
    private readonly GraphProto _graph;
    private readonly ModelProto _model;

    /// <summary>Starts an empty model.</summary>
    /// <param name="graphName">The graph's name.</param>
    /// <param name="opset">The version of the default operator set to import; null imports none.</param>
    /// <param name="irVersion">The ONNX IR version.</param>
    public OnnxModelWriter(string graphName, long? opset = OnnxGraphBuilder.OpsetVersion, long irVersion = OnnxGraphBuilder.IrVersion)
    {
        ArgumentNullException.ThrowIfNull(graphName);
        _graph = new GraphProto { Name = graphName };
        _model = new ModelProto { IrVersion = irVersion, ProducerName = "CnnPerf" };
        if (opset is { } version)
        {
            _model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = version });
        }
    }

    /// <summary>The model's description.</summary>
    public string DocString
    {
        get => _model.DocString;
        set => _model.DocString = value ?? "";
    }

    /// <summary>Declares a graph input; a null <paramref name="shape"/> declares none.</summary>
    public OnnxModelWriter Input(string name, OnnxElementType elementType, params OnnxDimension[]? shape)
    {
        _graph.Input.Add(new OnnxValueInfo(name, elementType, shape).ToProto());
        return this;
    }

    /// <summary>Declares a FLOAT graph input of the given shape.</summary>
    public OnnxModelWriter Input(string name, params OnnxDimension[] shape) => Input(name, OnnxElementType.Float, shape);

    /// <summary>Declares a graph output; a null <paramref name="shape"/> declares none.</summary>
    public OnnxModelWriter Output(string name, OnnxElementType elementType, params OnnxDimension[]? shape)
    {
        _graph.Output.Add(new OnnxValueInfo(name, elementType, shape).ToProto());
        return this;
    }

    /// <summary>Declares a FLOAT graph output of the given shape (none when null).</summary>
    public OnnxModelWriter Output(string name, params OnnxDimension[]? shape) => Output(name, OnnxElementType.Float, shape);

    /// <summary>Adds an initializer.</summary>
    public OnnxModelWriter Initializer(OnnxTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var proto = tensor.Proto;
        if (proto.Name != tensor.Name)
        {
            proto = proto.Clone();
            proto.Name = tensor.Name;
        }
        Add(proto);
        return this;
    }

    /// <summary>Adds a node of the default domain.</summary>
    public OnnxModelWriter Node(string opType, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, params OnnxAttribute[] attributes) =>
        Node(opType, "", name, inputs, outputs, attributes);

    /// <summary>Adds a node of any domain.</summary>
    public OnnxModelWriter Node(string opType, string domain, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, params OnnxAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(opType);
        var node = new NodeProto { OpType = opType, Name = name ?? "", Domain = domain ?? "" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes.Select(a => a.Proto));
        _graph.Node.Add(node);
        return this;
    }

    /// <summary>The model as the bytes of an ONNX file.</summary>
    public byte[] ToBytes()
    {
        _model.Graph = _graph;
        try
        {
            return _model.ToByteArray();
        }
        finally
        {
            _model.Graph = null;
        }
    }

    /// <summary>Writes the model to <paramref name="path"/> (atomically, see <see cref="OnnxModelFile.Save"/>).</summary>
    public void Save(string path) => OnnxModelFile.Save(ToBytes(), path);

    /// <summary>Adds a node built elsewhere in Core (the zoo's builder infers its shapes first).</summary>
    internal void Add(NodeProto node) => _graph.Node.Add(node);

    /// <summary>Adds an initializer built elsewhere in Core.</summary>
    internal void Add(TensorProto initializer) => _graph.Initializer.Add(initializer);
}
