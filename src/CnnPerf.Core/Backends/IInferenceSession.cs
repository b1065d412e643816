namespace CnnPerf.Backends;

/// <summary>
/// A model loaded into one framework, ready to run single inputs. Not thread-safe: one caller at a time.
/// </summary>
public interface IInferenceSession : IDisposable
{
    /// <summary>Shape of the model's (single) input, batch dimension first.</summary>
    TensorShape InputShape { get; }

    /// <summary>Shape of the model's (single) output, batch dimension first.</summary>
    TensorShape OutputShape { get; }

    /// <summary>
    /// Runs one inference. <paramref name="input"/> must have <see cref="InputShape"/> and
    /// <paramref name="output"/> <see cref="OutputShape"/>; the output is overwritten.
    /// </summary>
    /// <exception cref="InferenceException">The framework failed while running.</exception>
    void Run(Tensor input, Tensor output);

    /// <summary>
    /// Runs <paramref name="runs"/> inferences with the framework's per-layer profiler and returns the mean
    /// time of each layer, in execution order. Empty when the framework offers no per-layer timings.
    /// </summary>
    IReadOnlyList<LayerTiming> ProfileLayers(Tensor input, int runs);
}
