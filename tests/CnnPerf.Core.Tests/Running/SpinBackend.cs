using System.Diagnostics;
using CnnPerf.Backends;
using CnnPerf.Models;

namespace CnnPerf.Core.Tests.Running;

/// <summary>
/// A backend whose inference keeps the calling thread busy for a fixed time (a CPU-bound loop, no sleeping), so
/// the runner's arithmetic is checked against known work. Loading fails for a model named "corrupt".
/// </summary>
internal sealed class SpinBackend(double milliseconds, int batch = 1) : IInferenceBackend
{
    public const string BackendName = "spin";

    public string Name => BackendName;

    public string? Version => "1.0";

    public BackendAvailability Availability => BackendAvailability.Available;

    public int Loads { get; private set; }

    public bool NeedsWeights { get; init; } = true;

    /// <summary>The model the last load was given.</summary>
    public PreparedModel? Loaded { get; private set; }

    /// <summary>Called when a model loads (before the session exists).</summary>
    public Action? OnLoad { get; init; }

    /// <summary>Called after every inference with the model's name.</summary>
    public Action<string>? OnRun { get; init; }

    public IReadOnlyList<string> Validate(PreparedModel model, BackendOptions options) => [];

    public IInferenceSession Load(PreparedModel model, BackendOptions options)
    {
        Loads++;
        Loaded = model;
        OnLoad?.Invoke();
        return model.Name == "corrupt"
            ? throw new InferenceException(Name, model.Name, "protobuf parsing failed")
            : new Session(milliseconds, batch, () => OnRun?.Invoke(model.Name));
    }

    private sealed class Session(double milliseconds, int batch, Action ran) : IInferenceSession
    {
        public TensorShape InputShape { get; } = new(batch, 4);

        public TensorShape OutputShape { get; } = new(batch, 1);

        public void Run(Tensor input, Tensor output)
        {
            var start = Stopwatch.GetTimestamp();
            var sum = 0f;
            while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < milliseconds)
            {
                sum += input.Data[0];
            }
            output.Data[0] = sum;
            ran();
        }

        public IReadOnlyList<LayerTiming> ProfileLayers(Tensor input, int runs) => [new("spin", "Spin", milliseconds)];

        public void Dispose()
        {
        }
    }
}
