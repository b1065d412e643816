using System.Reflection;
using System.Runtime.InteropServices;
using CnnPerf.Backends;
using CnnPerf.Frameworks.TorchSharp.Graph;
using CnnPerf.Frameworks.TorchSharp.Native;
using CnnPerf.Models;
using CnnPerf.Onnx;
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
    public IReadOnlyList<string> Validate(ModelSource model, BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Threads < 1)
        {
            problems.Add($"{Name}: threads must be at least 1, got {options.Threads}");
        }
        problems.AddRange(options.Settings.Keys.Select(key => $"{Name}: unknown setting '{key}' (this backend has none)"));
        if (!Availability.IsAvailable)
        {
            problems.Add($"{Name}: unavailable: {Availability.Reason}");
        }
        try
        {
            Compile(model, out var compileProblems);
            problems.AddRange(compileProblems.Select(p => p.Message));
        }
        catch (InferenceException e)
        {
            problems.Add(e.Message);
        }
        return problems;
    }

    /// <inheritdoc />
    public IInferenceSession Load(ModelSource model, BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads < 1)
        {
            throw new InferenceException(Name, model.Name, $"threads must be at least 1, got {options.Threads}");
        }
        if (options.Settings.Count > 0)
        {
            throw new InferenceException(Name, model.Name, $"unknown setting '{options.Settings.Keys.First()}' (this backend has none)");
        }
        if (!Availability.IsAvailable)
        {
            throw new InferenceException(Name, model.Name, $"unavailable: {Availability.Reason}");
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

    private GraphProgram? Compile(ModelSource model, out IReadOnlyList<InferenceException> problems)
    {
        if (model.Format != ModelFormat.Onnx)
        {
            throw new InferenceException(Name, model.Name, $"only ONNX models are supported, not {model.Format}");
        }
        ModelProto proto;
        try
        {
            proto = OnnxModelFile.Load(model.Path);
        }
        catch (CnnPerfException e)
        {
            throw new InferenceException(Name, model.Name, e.Message, innerException: e);
        }
        return GraphProgram.Compile(proto, model.Name, Name, out problems);
    }

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
