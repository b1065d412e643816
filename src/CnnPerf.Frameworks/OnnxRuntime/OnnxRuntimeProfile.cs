using System.Text.Json;
using CnnPerf.Backends;

namespace CnnPerf.Frameworks.OnnxRuntime;

/// <summary>
/// Reads the Chrome-trace JSON that ONNX Runtime's profiler writes: <c>model_run</c> events (category
/// <c>Session</c>) delimit inferences and <c>NODE_kernel_time</c> events (category <c>Node</c>, with the
/// operator in <c>args.op_name</c>) time each node, in microseconds.
/// </summary>
internal static class OnnxRuntimeProfile
{
    private const string KernelTimeSuffix = "_kernel_time";

    /// <summary>
    /// The mean time of every node over the runs after the first <paramref name="warmupRuns"/>, in the execution
    /// order of the first measured run.
    /// </summary>
    /// <exception cref="FormatException">The trace is not a JSON array of trace events, or holds fewer runs than expected.</exception>
    public static IReadOnlyList<LayerTiming> MeanNodeTimes(string json, int warmupRuns)
    {
        var runs = new List<(long Start, long End)>();
        var nodes = new List<(string Name, string Op, long Start, long Duration)>();
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var e in document.RootElement.EnumerateArray())
            {
                var category = e.TryGetProperty("cat", out var c) ? c.GetString() : null;
                var name = e.GetProperty("name").GetString() ?? "";
                if (!e.TryGetProperty("dur", out var durElement))
                {
                    continue;
                }
                var start = e.GetProperty("ts").GetInt64();
                var duration = durElement.GetInt64();
                if (category == "Session" && name == "model_run")
                {
                    runs.Add((start, start + duration));
                }
                else if (category == "Node" && name.EndsWith(KernelTimeSuffix, StringComparison.Ordinal))
                {
                    var op = e.TryGetProperty("args", out var args) && args.TryGetProperty("op_name", out var o) ? o.GetString() ?? "?" : "?";
                    nodes.Add((name[..^KernelTimeSuffix.Length], op, start, duration));
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"not an ONNX Runtime profile trace: {e.Message}", e);
        }
        if (runs.Count <= warmupRuns)
        {
            throw new FormatException($"the profile trace holds {runs.Count} model runs, expected more than {warmupRuns}");
        }
        runs.Sort();
        var measured = runs.Skip(warmupRuns).ToList();
        var order = new List<(string Name, string Op)>();
        var totals = new Dictionary<(string Name, string Op), long>();
        foreach (var node in nodes.OrderBy(n => n.Start))
        {
            if (!measured.Any(r => node.Start >= r.Start && node.Start <= r.End))
            {
                continue;
            }
            var key = (node.Name, node.Op);
            if (!totals.TryAdd(key, node.Duration))
            {
                totals[key] += node.Duration;
            }
            else
            {
                order.Add(key);
            }
        }
        return order.Select(k => new LayerTiming(k.Name, k.Op, totals[k] / 1000.0 / measured.Count)).ToList();
    }
}
