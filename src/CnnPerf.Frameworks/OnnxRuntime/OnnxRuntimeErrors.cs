using System.Text.RegularExpressions;
using CnnPerf.Backends;
using CnnPerf.Frameworks.Inspection;

namespace CnnPerf.Frameworks.OnnxRuntime;

/// <summary>
/// Turns ONNX Runtime's exceptions into <see cref="InferenceException"/>s that name the node and operator when
/// ONNX Runtime's message says which operator it could not handle.
/// </summary>
internal static partial class OnnxRuntimeErrors
{
    /// <summary>Wraps <paramref name="error"/>, raised while <paramref name="action"/>, for <paramref name="model"/>.</summary>
    public static InferenceException Wrap(Exception error, string model, NodeIndex nodes, string action)
    {
        var message = error.Message.ReplaceLineEndings(" ").Trim();
        var (node, op) = FindNodeAndOp(message, nodes);
        return new InferenceException(OnnxRuntimeBackend.BackendName, model, $"{action}: {message}", node, op, error);
    }

    /// <summary>The node name and operator type named in an ONNX Runtime message, looked up in the graph when the message names only the operator.</summary>
    internal static (string? Node, string? Op) FindNodeAndOp(string message, NodeIndex nodes)
    {
        if (NoImplementation().Match(message) is { Success: true } kernel)
        {
            return (kernel.Groups["node"].Value, kernel.Groups["op"].Value);
        }
        if (InNode().Match(message) is { Success: true } node)
        {
            return (node.Groups["node"].Value, node.Groups["op"].Value);
        }
        var opOnly = NotRegistered().Match(message) is { Success: true } notRegistered ? notRegistered
            : NoOpRegistered().Match(message) is { Success: true } noOp ? noOp
            : null;
        if (opOnly is null)
        {
            return (null, null);
        }
        var op = opOnly.Groups["op"].Value;
        return (nodes.FirstOfType(op), op);
    }

    // "Could not find an implementation for Det(22) node with name 'det0'"
    [GeneratedRegex(@"implementation for (?<op>[\w.]+)\(\d+\) node with name '(?<node>[^']*)'")]
    private static partial Regex NoImplementation();

    // "In Node, ("frob0", Frobnicate, "", -1) : ..."
    [GeneratedRegex(@"In Node, \(""(?<node>[^""]*)"", (?<op>[\w.]+),")]
    private static partial Regex InNode();

    // "Fatal error: ai.onnx:Frobnicate(-1) is not a registered function/op"
    [GeneratedRegex(@"(?<domain>[\w.]*):(?<op>[\w.]+)\(-?\d+\) is not a registered function/op")]
    private static partial Regex NotRegistered();

    // "No Op registered for Frobnicate with domain_version of 17"
    [GeneratedRegex(@"No Op registered for (?<op>[\w.]+) with domain_version")]
    private static partial Regex NoOpRegistered();
}
