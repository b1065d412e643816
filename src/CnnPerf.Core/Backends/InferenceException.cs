namespace CnnPerf.Backends;

/// <summary>
/// A framework failed to load or run a model. The message names the backend and the model and, for an
/// unsupported operator, the node and operator type.
/// </summary>
public sealed class InferenceException : CnnPerfException
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    public InferenceException(string backend, string model, string problem, string? nodeName = null, string? opType = null, Exception? innerException = null)
        : base(Compose(backend, model, problem, nodeName, opType), innerException)
    {
        Backend = backend;
        Model = model;
        NodeName = nodeName;
        OpType = opType;
    }

    /// <summary>The backend's name.</summary>
    public string Backend { get; }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>The node the problem is at, where known.</summary>
    public string? NodeName { get; }

    /// <summary>The operator type the problem is with, where known.</summary>
    public string? OpType { get; }

    private static string Compose(string backend, string model, string problem, string? nodeName, string? opType)
    {
        var where = nodeName is null && opType is null ? "" : $" at node '{nodeName ?? "?"}' (op {opType ?? "?"})";
        return $"{backend}: model '{model}'{where}: {problem}";
    }
}
