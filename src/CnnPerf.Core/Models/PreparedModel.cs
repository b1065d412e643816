using CnnPerf.Onnx;

namespace CnnPerf.Models;

/// <summary>
/// A model read once, before any backend sees it: its source and, for an ONNX file, the graph view. A backend
/// validates and loads from the same prepared model, so a configuration reads its model file once. Immutable.
/// </summary>
public sealed class PreparedModel
{
    private readonly OnnxModel? _graph;

    private PreparedModel(ModelSource source, OnnxModel? graph)
    {
        Source = source;
        _graph = graph;
    }

    /// <summary>Where the model comes from.</summary>
    public ModelSource Source { get; }

    /// <summary>The model's name.</summary>
    public string Name => Source.Name;

    /// <summary>The file format.</summary>
    public ModelFormat Format => Source.Format;

    /// <summary>The graph view of an ONNX model.</summary>
    /// <exception cref="InvalidOperationException">The model is not ONNX (check <see cref="Format"/> first).</exception>
    public OnnxModel Graph => _graph ?? throw new InvalidOperationException($"model '{Name}' is {Format}, it has no ONNX graph");

    /// <summary>Reads an ONNX model's file into its graph view; a Caffe model is left to the backends that import it.</summary>
    /// <param name="source">The model.</param>
    /// <param name="withWeights">False to leave the weights unread, for a backend that does not need them (see <see cref="OnnxModel.Load(string, string?, bool)"/>).</param>
    /// <exception cref="OnnxModelException">The ONNX file is missing or unreadable, or not a model CnnPerf runs.</exception>
    public static PreparedModel Read(ModelSource source, bool withWeights = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new PreparedModel(source, source.Format == ModelFormat.Onnx ? OnnxModel.Load(source, withWeights) : null);
    }

    /// <summary>A prepared model over a graph view already read (for example one built in memory).</summary>
    public static PreparedModel From(ModelSource source, OnnxModel graph)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(graph);
        return new PreparedModel(source, graph);
    }
}
