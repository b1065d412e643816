using System.Text.RegularExpressions;

namespace CnnPerf.Frameworks.OpenCv;

/// <summary>
/// Maps OpenCV DNN layer names back to model node names (the ONNX importer names each layer
/// <c>onnx_node!NODE</c>, and sub-layers it adds <c>onnx_node!NODE/PART</c>) and reads each layer's OpenCV type
/// from the network's DOT dump.
/// </summary>
internal static partial class OpenCvLayers
{
    private const string OnnxNodePrefix = "onnx_node!";

    /// <summary>The model's node name for an OpenCV layer name.</summary>
    public static string NodeName(string layerName) =>
        layerName.StartsWith(OnnxNodePrefix, StringComparison.Ordinal) ? layerName[OnnxNodePrefix.Length..] : layerName;

    /// <summary>The node a sub-layer belongs to (<c>NODE/PART</c> gives <c>NODE</c>), or the name itself.</summary>
    public static string ParentNodeName(string nodeName) =>
        nodeName.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? nodeName[..slash] : nodeName;

    /// <summary>Layer name to OpenCV layer type (for example <c>Convolution</c>), from <c>Net.Dump()</c> output.</summary>
    public static Dictionary<string, string> TypesFromDump(string dump)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in LabelEntry().Matches(dump))
        {
            types.TryAdd(match.Groups["name"].Value, match.Groups["type"].Value);
        }
        return types;
    }

    // One layer inside a DOT label: label="NAME\nTYPE\n..." or a fused record "{NAME\nTYPE\n... | NAME\nTYPE\n...}".
    [GeneratedRegex(@"(?:label=""\{?|\| )(?<name>[^""{|\\]+)\\n(?<type>\w+)\\n")]
    private static partial Regex LabelEntry();
}
