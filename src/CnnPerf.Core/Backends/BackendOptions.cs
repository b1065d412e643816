namespace CnnPerf.Backends;

/// <summary>
/// Options for loading a model into a backend: the number of threads and backend-specific settings
/// (for example <c>graph-optimization=all</c> for ONNX Runtime or <c>conv=winograd</c> for the managed engine).
/// </summary>
/// <param name="Threads">Number of threads the framework may use for one inference (at least 1).</param>
/// <param name="Settings">Backend-specific settings by name; unknown names are reported by <see cref="IInferenceBackend.Validate"/>.</param>
public sealed record BackendOptions(int Threads, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>Options with the given thread count and no backend-specific settings.</summary>
    public BackendOptions(int threads) : this(threads, new Dictionary<string, string>()) { }

    /// <summary>
    /// The most threads a configuration may ask for: four per logical core of this machine. Beyond that, threads only
    /// wait for each other (and thousands of them starve the machine).
    /// </summary>
    public static int MaxThreads => 4 * Environment.ProcessorCount;

    /// <summary>Why <paramref name="threads"/> is not a thread count to run with here, or null when it is.</summary>
    public static string? ThreadsProblem(int threads) =>
        threads < 1 ? $"threads must be at least 1, got {threads}"
        : threads > MaxThreads ? $"threads must be at most {MaxThreads} (4 per logical core; this machine has {Environment.ProcessorCount}), got {threads}"
        : null;

    /// <summary>One thread, no backend-specific settings.</summary>
    public static BackendOptions Default { get; } = new(1);

    /// <summary>Returns a backend-specific setting, or <paramref name="defaultValue"/> when it is not set.</summary>
    public string GetSetting(string name, string defaultValue) => Settings.TryGetValue(name, out var value) ? value : defaultValue;
}
