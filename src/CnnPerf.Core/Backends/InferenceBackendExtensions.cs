using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Backends;

/// <summary>Validation and loading straight from a <see cref="ModelSource"/>, reading the model once per call.</summary>
public static class InferenceBackendExtensions
{
    /// <summary>
    /// Reads <paramref name="source"/> for <paramref name="backend"/> (with the weights if it needs them): a model that cannot be read, or breaks
    /// <see cref="OnnxModel"/>'s rules, is reported as that backend reports any model problem.
    /// </summary>
    /// <exception cref="InferenceException">The model cannot be read.</exception>
    public static PreparedModel Prepare(this IInferenceBackend backend, ModelSource source)
    {
        ArgumentNullException.ThrowIfNull(backend);
        try
        {
            return PreparedModel.Read(source, backend.NeedsWeights);
        }
        catch (OnnxModelException e)
        {
            throw new InferenceException(backend.Name, e);
        }
    }

    /// <summary>Reads <paramref name="source"/> and validates it (see <see cref="IInferenceBackend.Validate"/>).</summary>
    public static IReadOnlyList<string> Validate(this IInferenceBackend backend, ModelSource source, BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(backend);
        PreparedModel model;
        try
        {
            model = backend.Prepare(source);
        }
        catch (InferenceException e)
        {
            return [e.Message];
        }
        return backend.Validate(model, options);
    }

    /// <summary>Reads <paramref name="source"/> and loads it (see <see cref="IInferenceBackend.Load"/>).</summary>
    /// <exception cref="InferenceException">The model cannot be read or loaded.</exception>
    public static IInferenceSession Load(this IInferenceBackend backend, ModelSource source, BackendOptions options) =>
        backend.Load(backend.Prepare(source), options);
}
