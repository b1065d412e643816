using CnnPerf.Backends;
using CnnPerf.Frameworks.Managed;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Frameworks.OpenCv;
using CnnPerf.Frameworks.TorchSharp;

namespace CnnPerf.Cli;

/// <summary>Every inference backend the tool knows, in the order it lists and runs them.</summary>
internal static class BackendCatalog
{
    /// <summary>Creates one instance of every backend (cheap: no native library is loaded until a model is).</summary>
    public static IReadOnlyList<IInferenceBackend> All() =>
    [
        new OnnxRuntimeBackend(),
        new OpenCvBackend(),
        new TorchSharpBackend(),
        new ManagedBackend(),
    ];

    /// <summary>Finds a backend by name.</summary>
    /// <exception cref="UsageException">No backend has that name.</exception>
    public static IInferenceBackend Get(string name) =>
        All().FirstOrDefault(b => b.Name == name)
        ?? throw new UsageException($"unknown backend '{name}'; known: {string.Join(", ", All().Select(b => b.Name))}");
}
