using CnnPerf.Features;

namespace CnnPerf.Modeling;

/// <summary>
/// Attributes the layer times a framework's profiler reports to the nodes of the ONNX graph. Frameworks rename
/// what they fuse: ONNX Runtime reports Conv + BatchNormalization + Relu as one <c>Conv</c> named after the last
/// node with a suffix (<c>stem/relu_1_nchwc</c>), <c>FusedConv</c> for Conv + activation, and Gemm + activation as
/// <c>fused fc_1</c>. A timed name (without a leading <c>fused </c>) is matched exactly, else to the longest graph
/// node name it starts with followed by <c>_</c>; when the reported operator
/// differs from the matched node's, the time goes to the nearest preceding node of the reported operator (the head
/// of the fused chain), so the fused-away nodes count as 0 ms.
/// </summary>
internal static class LayerTimingMatcher
{
    private const int LongestFusedChain = 4;
    private const string FusedPrefix = "fused ";

    /// <summary>The time of every layer (0 where nothing was reported), and what could not be matched.</summary>
    public static (double[] Milliseconds, int UnmatchedCount, double UnmatchedMilliseconds) Attribute(
        IReadOnlyList<LayerFeatures> layers, IEnumerable<LayerTimingRecord> timings)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Count; i++)
        {
            index.TryAdd(layers[i].NodeName, i);
        }

        var milliseconds = new double[layers.Count];
        var unmatched = 0;
        double unmatchedMilliseconds = 0;
        foreach (var timing in timings)
        {
            var layer = Find(timing.NodeName, index);
            if (layer is null)
            {
                unmatched++;
                unmatchedMilliseconds += timing.Milliseconds;
                continue;
            }

            milliseconds[HeadOfFusedChain(layers, layer.Value, timing.OpType)] += timing.Milliseconds;
        }

        return (milliseconds, unmatched, unmatchedMilliseconds);
    }

    private static int? Find(string reported, Dictionary<string, int> index)
    {
        var name = reported.StartsWith(FusedPrefix, StringComparison.OrdinalIgnoreCase) ? reported[FusedPrefix.Length..] : reported;
        if (index.TryGetValue(name, out var exact))
        {
            return exact;
        }

        for (var end = name.LastIndexOf('_'); end > 0; end = name.LastIndexOf('_', end - 1))
        {
            if (index.TryGetValue(name[..end], out var prefixed))
            {
                return prefixed;
            }
        }

        return null;
    }

    private static int HeadOfFusedChain(IReadOnlyList<LayerFeatures> layers, int matched, string reportedOp)
    {
        var op = reportedOp.StartsWith("Fused", StringComparison.Ordinal) ? reportedOp["Fused".Length..] : reportedOp;
        if (layers[matched].OpType == op)
        {
            return matched;
        }

        for (var i = matched - 1; i >= Math.Max(0, matched - LongestFusedChain); i--)
        {
            if (layers[i].OpType == op)
            {
                return i;
            }
        }

        return matched;
    }
}
