using CnnPerf.Models;

namespace CnnPerf.Backends;

/// <summary>
/// An inference framework that runs CNN models on the CPU. Implementations are cheap to create and hold no
/// native resources until <see cref="Load"/> is called. Both <see cref="Validate"/> and <see cref="Load"/> take
/// a <see cref="PreparedModel"/>, read once by the caller (see <see cref="InferenceBackendExtensions"/> to pass
/// a <see cref="ModelSource"/>).
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
    /// Whether <see cref="Load"/> takes the weights from the graph view. False for a framework that reads the model
    /// file itself: the model is then read without them, so they are not held twice while the framework loads.
    /// </summary>
    bool NeedsWeights => true;

    /// <summary>
    /// Checks a model and options before anything runs: unsupported operators, bad option values, a missing
    /// native library. Returns the problems found, each a message of the form of <see cref="InferenceException"/>;
    /// an empty list means the model can be loaded. Reads no file.
    /// </summary>
    IReadOnlyList<string> Validate(PreparedModel model, BackendOptions options);

    /// <summary>
    /// Loads a model into a ready-to-run session.
    /// </summary>
    /// <returns>A session the caller owns and must dispose.</returns>
    /// <exception cref="InferenceException">The model cannot be loaded by this framework.</exception>
    IInferenceSession Load(PreparedModel model, BackendOptions options);
}
