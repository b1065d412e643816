using CnnPerf.Backends;
using CnnPerf.Frameworks.Validation;
using CnnPerf.Models;
using Microsoft.ML.OnnxRuntime;

namespace CnnPerf.Frameworks.OnnxRuntime;

/// <summary>
/// ONNX Runtime on its CPU execution provider: <see cref="BackendOptions.Threads"/> intra-op threads, one
/// inter-op thread, sequential execution. Setting <c>graph-optimization</c> = <c>disabled</c>, <c>basic</c>,
/// <c>extended</c> or <c>all</c> (the default). Per-node timings come from ONNX Runtime's profiler.
/// </summary>
public sealed class OnnxRuntimeBackend : IInferenceBackend
{
    /// <summary>The backend's name, <c>onnxruntime</c>.</summary>
    public const string BackendName = "onnxruntime";

    private static readonly Lazy<(BackendAvailability Availability, string? Version)> Native = new(Probe);

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string? Version => Native.Value.Version;

    /// <inheritdoc />
    public BackendAvailability Availability => Native.Value.Availability;

    /// <inheritdoc />
    /// <remarks>False: ONNX Runtime reads the model file itself, the graph view gives only names and shapes.</remarks>
    public bool NeedsWeights => false;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(PreparedModel model, BackendOptions options) => [.. Problems(model, options).Select(p => p.Message)];

    /// <inheritdoc />
    public IInferenceSession Load(PreparedModel model, BackendOptions options)
    {
        BackendChecks.ThrowIfAny(Problems(model, options));
        return OnnxRuntimeSession.Open(model, options);
    }

    private List<InferenceException> Problems(PreparedModel model, BackendOptions options)
    {
        var problems = BackendChecks.Check(BackendName, Availability, model, options, [GraphOptimization.SettingName], [ModelFormat.Onnx]);
        var level = options.GetSetting(GraphOptimization.SettingName, GraphOptimization.DefaultValue);
        if (!GraphOptimization.TryParse(level, out _))
        {
            problems.Add(new InferenceException(BackendName, model.Name, $"setting {GraphOptimization.SettingName}={level} is not one of {string.Join(", ", GraphOptimization.Values)}"));
        }
        return problems;
    }

    private static (BackendAvailability, string?) Probe()
    {
        try
        {
            return (BackendAvailability.Available, OrtEnv.Instance().GetVersionString());
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or OnnxRuntimeException)
        {
            return (BackendAvailability.Unavailable($"the ONNX Runtime native library does not load: {e.Message.ReplaceLineEndings(" ")}"), null);
        }
    }
}
