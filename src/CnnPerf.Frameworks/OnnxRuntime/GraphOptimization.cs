using Microsoft.ML.OnnxRuntime;

namespace CnnPerf.Frameworks.OnnxRuntime;

/// <summary>The <c>graph-optimization</c> setting of the ONNX Runtime backend and its values.</summary>
internal static class GraphOptimization
{
    /// <summary>The setting's name.</summary>
    public const string SettingName = "graph-optimization";

    /// <summary>The value used when the setting is absent (ONNX Runtime's own default).</summary>
    public const string DefaultValue = "all";

    private static readonly Dictionary<string, GraphOptimizationLevel> Levels = new(StringComparer.Ordinal)
    {
        ["disabled"] = GraphOptimizationLevel.ORT_DISABLE_ALL,
        ["basic"] = GraphOptimizationLevel.ORT_ENABLE_BASIC,
        ["extended"] = GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        ["all"] = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    /// <summary>The accepted values, in increasing order of optimization.</summary>
    public static IReadOnlyCollection<string> Values => Levels.Keys;

    /// <summary>The level for a setting value; false when the value is not one of <see cref="Values"/>.</summary>
    public static bool TryParse(string value, out GraphOptimizationLevel level) => Levels.TryGetValue(value, out level);
}
