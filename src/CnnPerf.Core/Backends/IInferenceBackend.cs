using CnnPerf.Models;

namespace CnnPerf.Backends;

/// <summary>
/// An inference framework that runs CNN models on the CPU. Implementations are cheap to create and hold no
/// native resources until <see cref="Load"/> is called.
/// </summary>
public interface IInferenceBackend
{
    /// <summary>Stable lower-case name used on the command line and in results, for example <c>onnxruntime</c>.</summary>
    string Name { get; }

    /// <summary>Version of the framework underneath (for example <c>1.31.1</c>), or null when unavailable.</summary>
    string? Version { get; }

    /// <summary>Whether the framework can run on this machine, and why not when it cannot.</summary>
    BackendAvailability Availability { get; }

    /// <summary>
    /// Checks a model and options before anything runs: unsupported operators, bad option values, a missing
    /// native library. Returns the problems found; an empty list means the model can be loaded.
    /// </summary>
    IReadOnlyList<string> Validate(ModelSource model, BackendOptions options);

    /// <summary>
    /// Loads a model into a ready-to-run session.
    /// </summary>
    /// <returns>A session the caller owns and must dispose.</returns>
    /// <exception cref="InferenceException">The model cannot be loaded by this framework.</exception>
    IInferenceSession Load(ModelSource model, BackendOptions options);
}
