namespace CnnPerf.Backends;

/// <summary>
/// The one form of every message about a model: <c>backend: model 'name' at node 'node' (op Type): problem</c>,
/// without the backend when no backend is involved and without the node when the problem is not at one.
/// </summary>
internal static class ModelMessage
{
    /// <summary>Composes the message.</summary>
    public static string Format(string? backend, string model, string problem, string? nodeName, string? opType)
    {
        var where = nodeName is null && opType is null ? "" : $" at node '{nodeName ?? "?"}' (op {opType ?? "?"})";
        var prefix = backend is null ? "" : $"{backend}: ";
        return $"{prefix}model '{model}'{where}: {problem}";
    }
}
