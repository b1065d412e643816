using CnnPerf.Backends;

namespace CnnPerf.Onnx;

/// <summary>
/// An ONNX model cannot be read, or is not one CnnPerf runs (see <see cref="OnnxModel"/> for the rules). The
/// message names the model and, where the problem is at a node, the node and its operator.
/// </summary>
public sealed class OnnxModelException : CnnPerfException
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    public OnnxModelException(string model, string problem, string? nodeName = null, string? opType = null, Exception? innerException = null)
        : base(ModelMessage.Format(null, model, problem, nodeName, opType), innerException)
    {
        Model = model;
        Problem = problem;
        NodeName = nodeName;
        OpType = opType;
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>What is wrong, without the model and node.</summary>
    public string Problem { get; }

    /// <summary>The node the problem is at, where there is one.</summary>
    public string? NodeName { get; }

    /// <summary>The operator of that node.</summary>
    public string? OpType { get; }
}
