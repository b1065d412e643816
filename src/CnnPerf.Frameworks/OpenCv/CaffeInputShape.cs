using System.Globalization;
using System.Text.RegularExpressions;
using CnnPerf.Backends;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.OpenCv;

/// <summary>
/// Reads the input shape of a Caffe network from its <c>.prototxt</c>: <c>input_dim</c> values, an
/// <c>input_shape</c> block or an <c>Input</c> layer's <c>shape</c> block (OpenCV does not expose it).
/// </summary>
internal static partial class CaffeInputShape
{
    /// <summary>The input shape of a Caffe model; throws <see cref="InferenceException"/> when the file declares none.</summary>
    public static TensorShape Read(ModelSource model) => Parse(File.ReadAllText(model.Path), model.Name);

    /// <summary>Parses prototxt text.</summary>
    internal static TensorShape Parse(string prototxt, string modelName)
    {
        var text = Comment().Replace(prototxt, "");
        var dims = Numbers(InputDim().Matches(text));
        if (dims.Length == 0 && ShapeBlock().Match(text) is { Success: true } block)
        {
            dims = Numbers(Dim().Matches(block.Groups["body"].Value));
        }
        if (dims.Length == 0 || dims.Any(d => d <= 0))
        {
            throw new InferenceException(OpenCvBackend.BackendName, modelName, "the .prototxt declares no input shape (input_shape, input_dim or an Input layer's shape)");
        }
        return new TensorShape(dims);
    }

    private static int[] Numbers(MatchCollection matches) =>
        matches.Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\binput_dim\s*:\s*(?<n>\d+)")]
    private static partial Regex InputDim();

    [GeneratedRegex(@"\b(?:input_shape|shape)\s*\{(?<body>[^{}]*)\}")]
    private static partial Regex ShapeBlock();

    [GeneratedRegex(@"\bdim\s*:\s*(?<n>\d+)")]
    private static partial Regex Dim();
}
