using System.Text.RegularExpressions;
using CnnPerf.Backends;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.OpenCv;

/// <summary>
/// Turns OpenCV's exceptions into <see cref="InferenceException"/>s, with the node and operator where OpenCV's
/// importer names the layer it could not create.
/// </summary>
internal static partial class OpenCvErrors
{
    /// <summary>Wraps <paramref name="error"/>, raised while <paramref name="action"/>, for <paramref name="model"/>.</summary>
    public static InferenceException Wrap(Exception error, ModelSource model, string action)
    {
        var message = SourceLocation().Replace(error.Message.ReplaceLineEndings(" "), "").Replace(" > ", " ").Trim(' ', '>');
        var (node, op) = FindNodeAndOp(message);
        var problem = CannotCreateLayer().IsMatch(message) ? "OpenCV DNN does not support this operator" : message;
        return new InferenceException(OpenCvBackend.BackendName, model.Name, $"{action}: {problem}", node, op, error);
    }

    /// <summary>The node name and operator type named in an OpenCV message, or nulls.</summary>
    internal static (string? Node, string? Op) FindNodeAndOp(string message)
    {
        if (OnnxNode().Match(message) is { Success: true } onnx)
        {
            return (onnx.Groups["node"].Value, onnx.Groups["op"].Value);
        }
        if (CannotCreateLayer().Match(message) is { Success: true } layer)
        {
            return (layer.Groups["node"].Value, layer.Groups["op"].Value);
        }
        return (null, null);
    }

    // "OpenCV(4.13.0) /path/net_impl.hpp:108: error: (-2:Unspecified error) "
    [GeneratedRegex(@"OpenCV\([\d.]+\) \S+:\d+: error: \([^)]*\) ")]
    private static partial Regex SourceLocation();

    // ONNX importer: "Node [Det@ai.onnx]:(onnx_node!det0) parse error: ..."
    [GeneratedRegex(@"Node \[(?<op>[\w.]+)@[^\]]*\]:\((?:onnx_node!)?(?<node>[^)]*)\)")]
    private static partial Regex OnnxNode();

    // Caffe importer and layer factory: "Can't create layer "conv9" of type "Frobnicate""
    [GeneratedRegex(@"Can't create layer ""(?:onnx_node!)?(?<node>[^""]*)"" of type ""(?<op>[^""]*)""")]
    private static partial Regex CannotCreateLayer();
}
