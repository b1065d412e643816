using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed.Planning;

/// <summary>A node of the graph cannot be planned: an unsupported operator or attribute, or inconsistent shapes.</summary>
internal sealed class PlanningException(OnnxNode? node, string problem, Exception? inner = null) : Exception(problem, inner)
{
    /// <summary>The node, or null for graph-level problems.</summary>
    public OnnxNode? Node { get; } = node;
}
