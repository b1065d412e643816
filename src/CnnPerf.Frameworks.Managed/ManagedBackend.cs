using System.Numerics;
using CnnPerf.Backends;
using CnnPerf.Frameworks.Managed.Graph;
using CnnPerf.Frameworks.Managed.Planning;
using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.Managed;

/// <summary>
/// The managed engine: CnnPerf's own CNN inference in pure C# (SIMD through System.Numerics vectors), with
/// selectable convolution techniques (setting <c>conv=auto|direct|im2col|depthwise|winograd</c>). Runs ONNX
/// models everywhere .NET runs, with no native dependency.
/// </summary>
public sealed class ManagedBackend : IInferenceBackend
{
    /// <summary>The backend's name.</summary>
    public const string BackendName = "managed";

    /// <inheritdoc />
    public string Name => BackendName;

    /// <summary>
    /// The engine's version and its vector width, for example <c>0.1.0 (8 x f32 vectors, 512-bit GEMM rows)</c>
    /// (the GEMM's 512-bit rows and the direct kernels need AVX-512).
    /// </summary>
    public string? Version { get; } = $"{typeof(ManagedBackend).Assembly.GetName().Version?.ToString(3)} ({Vector<float>.Count} x f32 vectors"
        + $"{(Vector.IsHardwareAccelerated ? "" : ", not accelerated")}{(Kernels.PackedGemm.WideRowsSupported ? ", 512-bit GEMM rows" : "")})";

    /// <inheritdoc />
    public BackendAvailability Availability => BackendAvailability.Available;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(ModelSource model, BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ManagedSettings.Parse(options, out var problems);
        var found = problems.ToList();
        if (model.Format != ModelFormat.Onnx)
        {
            found.Add($"model '{model.Name}' is {model.Format}; the managed engine reads ONNX only");
            return found;
        }
        OnnxGraph graph;
        try
        {
            graph = OnnxGraph.From(OnnxModelFile.Load(model.Path), model.Name);
        }
        catch (Exception e) when (e is CnnPerfException or ArgumentException)
        {
            found.Add(e.Message);
            return found;
        }
        foreach (var node in GraphPlanner.UnsupportedNodes(graph))
        {
            found.Add(new InferenceException(BackendName, model.Name, "operator not supported by the managed engine", node.Name, OpName(node)).Message);
        }
        return found;
    }

    /// <inheritdoc />
    public IInferenceSession Load(ModelSource model, BackendOptions options) => Load(model, options, out _);

    /// <summary>Loads a model and returns the managed session with its plan details.</summary>
    /// <exception cref="InferenceException">A setting is bad, the file cannot be read, or a node cannot be planned.</exception>
    public ManagedSession LoadSession(ModelSource model, BackendOptions options) => Load(model, options, out _);

    private static ManagedSession Load(ModelSource model, BackendOptions options, out ManagedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        settings = ManagedSettings.Parse(options, out var problems);
        if (problems.Count > 0)
        {
            throw new InferenceException(BackendName, model.Name, string.Join("; ", problems));
        }
        if (model.Format != ModelFormat.Onnx)
        {
            throw new InferenceException(BackendName, model.Name, $"format {model.Format} is not supported; the managed engine reads ONNX only");
        }
        OnnxGraph graph;
        try
        {
            graph = OnnxGraph.From(OnnxModelFile.Load(model.Path), model.Name);
        }
        catch (Exception e) when (e is CnnPerfException or ArgumentException)
        {
            throw new InferenceException(BackendName, model.Name, e.Message, innerException: e);
        }
        GraphPlan plan;
        try
        {
            plan = GraphPlanner.Plan(graph, settings.Technique);
        }
        catch (PlanningException e)
        {
            throw new InferenceException(BackendName, model.Name, e.Message, e.Node?.Name, e.Node is null ? null : OpName(e.Node), e);
        }
        try
        {
            return new ManagedSession(model.Name, plan, settings);
        }
        catch
        {
            foreach (var layer in plan.Layers)
            {
                layer.Dispose();
            }
            throw;
        }
    }

    private static string OpName(NodeProto node) => node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}.{node.OpType}";
}
