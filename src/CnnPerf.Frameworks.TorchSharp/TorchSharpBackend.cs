using System.Reflection;
using System.Runtime.InteropServices;
using CnnPerf.Backends;
using CnnPerf.Frameworks.TorchSharp.Graph;
using CnnPerf.Frameworks.TorchSharp.Native;
using CnnPerf.Models;
using TorchSharp;

namespace CnnPerf.Frameworks.TorchSharp;

/// <summary>
/// The <c>torchsharp</c> backend: TorchSharp (libtorch, CPU) running an ONNX graph through an interpreter that maps
/// each node to torch operations. Threads are torch's intra-op threads (inter-op threads are fixed at 1).
/// No backend-specific settings.
/// </summary>
public sealed class TorchSharpBackend : IInferenceBackend
{
    private static readonly Lazy<bool> _interOpThreads = new(SetInterOpThreads);

    /// <summary>The backend's name, <c>torchsharp</c>.</summary>
    public const string BackendName = "torchsharp";

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    /// <remarks>TorchSharp's version and, once loaded, libtorch's, for example <c>0.107.0 (libtorch 2.10.0)</c>.</remarks>
    public string? Version
    {
        get
        {
            var torchSharp = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? typeof(torch).Assembly.GetName().Version?.ToString(3);
            return Availability.IsAvailable ? $"{torchSharp} (libtorch {torch.__version__})" : torchSharp;
        }
    }

    /// <inheritdoc />
    public BackendAvailability Availability => TorchSharpLibrary.Availability;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(PreparedModel model, BackendOptions options)
    {
        var problems = Problems(model, options);
        if (model.Format == ModelFormat.Onnx)
        {
            Compile(model, out var compileProblems);
            problems.AddRange(compileProblems);
        }
        return [.. problems.Select(p => p.Message)];
    }

    /// <inheritdoc />
    public IInferenceSession Load(PreparedModel model, BackendOptions options)
    {
        if (Problems(model, options) is [var problem, ..])
        {
            throw problem;
        }
        var program = Compile(model, out var problems) ?? throw problems[0];
        _ = _interOpThreads.Value;
        try
        {
            return new TorchSharpSession(program, options.Threads, Name);
        }
        catch (Exception e) when (e is not InferenceException and not OutOfMemoryException)
        {
            throw new InferenceException(Name, model.Name, $"loading failed: {e.Message.Split('\n', 2)[0].Trim()}", innerException: e);
        }
    }

    /// <summary>Problems with the options, the library and the model's format, before the graph is compiled.</summary>
    private List<InferenceException> Problems(PreparedModel model, BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Threads < 1)
        {
            problems.Add($"threads must be at least 1, got {options.Threads}");
        }
        problems.AddRange(options.Settings.Keys.Select(key => $"unknown setting '{key}' (this backend has none)"));
        if (!Availability.IsAvailable)
        {
            problems.Add($"unavailable: {Availability.Reason}");
        }
        if (model.Format != ModelFormat.Onnx)
        {
            problems.Add($"only ONNX models are supported, not {model.Format}");
        }
        return [.. problems.Select(p => new InferenceException(Name, model.Name, p))];
    }

    private GraphProgram? Compile(PreparedModel model, out IReadOnlyList<InferenceException> problems) =>
        GraphProgram.Compile(model.Graph, Name, out problems);

    /// <summary>Inter-op parallelism can only be set before torch first uses it; one thread keeps single-input runs serial.</summary>
    private static bool SetInterOpThreads()
    {
        try
        {
            torch.set_num_interop_threads(1);
            return true;
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException)
        {
            return false;
        }
    }
}
