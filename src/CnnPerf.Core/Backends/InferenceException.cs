using CnnPerf.Onnx;

namespace CnnPerf.Backends;

/// <summary>
/// A framework failed to load or run a model. The message names the backend and the model and, for an
/// unsupported operator, the node and operator type.
/// </summary>
public sealed class InferenceException : CnnPerfException
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    public InferenceException(string backend, string model, string problem, string? nodeName = null, string? opType = null, Exception? innerException = null)
        : base(ModelMessage.Format(backend, model, problem, nodeName, opType), innerException)
    {
        Backend = backend;
        Model = model;
        Problem = problem;
        NodeName = nodeName;
        OpType = opType;
    }

    /// <summary>The model problem <paramref name="error"/> as <paramref name="backend"/> reports it.</summary>
    public InferenceException(string backend, OnnxModelException error)
        : this(backend, Required(error).Model, error.Problem, error.NodeName, error.OpType, error)
    {
    }

    /// <summary>The backend's name.</summary>
    public string Backend { get; }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>What went wrong, without the backend, model and node.</summary>
    public string Problem { get; }

    /// <summary>The node the problem is at, where known.</summary>
    public string? NodeName { get; }

    /// <summary>The operator type the problem is with, where known.</summary>
    public string? OpType { get; }

    private static OnnxModelException Required(OnnxModelException error) => error ?? throw new ArgumentNullException(nameof(error));
}
