using System.Numerics;
using CnnPerf.Backends;
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
    public IReadOnlyList<string> Validate(PreparedModel model, BackendOptions options)
    {
        var problems = Problems(model, options, out _);
        if (model.Format == ModelFormat.Onnx)
        {
            problems.AddRange(GraphPlanner.UnsupportedNodes(model.Graph).Select(node => Unsupported(model.Name, node)));
        }
        return [.. problems.Select(p => p.Message)];
    }

    /// <inheritdoc />
    public IInferenceSession Load(PreparedModel model, BackendOptions options) => LoadSession(model, options);

    /// <summary>Loads a model and returns the managed session with its plan details.</summary>
    /// <exception cref="InferenceException">A setting is bad, the file cannot be read, or a node cannot be planned.</exception>
    public ManagedSession LoadSession(ModelSource model, BackendOptions options) => LoadSession(this.Prepare(model), options);

    /// <summary>Loads a prepared model and returns the managed session with its plan details.</summary>
    /// <exception cref="InferenceException">A setting is bad or a node cannot be planned.</exception>
    public ManagedSession LoadSession(PreparedModel model, BackendOptions options)
    {
        if (Problems(model, options, out var settings) is [var problem, ..])
        {
            throw problem;
        }
        GraphPlan plan;
        try
        {
            plan = GraphPlanner.Plan(model.Graph, settings.Technique);
        }
        catch (PlanningException e) when (e.Node is { OpType: var op } node && !GraphPlanner.SupportedOperators.Contains(op))
        {
            throw Unsupported(model.Name, node);
        }
        catch (PlanningException e)
        {
            throw new InferenceException(BackendName, model.Name, e.Message, e.Node?.Label, e.Node?.QualifiedOpType, e);
        }
        catch (OnnxModelException e)
        {
            throw new InferenceException(BackendName, e);
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

    /// <summary>Problems with the settings and the model's format.</summary>
    private static List<InferenceException> Problems(PreparedModel model, BackendOptions options, out ManagedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        settings = ManagedSettings.Parse(options, out var problems);
        var found = problems.Select(p => new InferenceException(BackendName, model.Name, p)).ToList();
        if (model.Format != ModelFormat.Onnx)
        {
            found.Add(new InferenceException(BackendName, model.Name, $"the file is {model.Format}; the managed engine reads ONNX only"));
        }
        return found;
    }

    private static InferenceException Unsupported(string model, OnnxNode node) =>
        new(BackendName, model, "operator not supported by the managed engine", node.Label, node.QualifiedOpType);
}
