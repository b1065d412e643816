using CnnPerf.Backends;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.Validation;

/// <summary>The checks every backend of this assembly makes before it loads anything.</summary>
internal static class BackendChecks
{
    /// <summary>
    /// Problems with availability, thread count, setting names, model format and model files; empty when none.
    /// </summary>
    public static List<string> Check(
        BackendAvailability availability,
        ModelSource model,
        BackendOptions options,
        IReadOnlyCollection<string> knownSettings,
        IReadOnlyCollection<ModelFormat> formats)
    {
        var problems = new List<string>();
        if (!availability.IsAvailable)
        {
            problems.Add($"backend unavailable: {availability.Reason}");
        }
        if (options.Threads < 1)
        {
            problems.Add($"threads must be at least 1, got {options.Threads}");
        }
        foreach (var name in options.Settings.Keys.Where(k => !knownSettings.Contains(k)))
        {
            var known = knownSettings.Count == 0 ? "none" : string.Join(", ", knownSettings);
            problems.Add($"unknown setting '{name}' (known: {known})");
        }
        if (!formats.Contains(model.Format))
        {
            problems.Add($"model format {model.Format} is not supported (supported: {string.Join(", ", formats)})");
        }
        if (!File.Exists(model.Path))
        {
            problems.Add($"model file not found: {model.Path}");
        }
        if (model.Format == ModelFormat.Caffe && (model.WeightsPath is null || !File.Exists(model.WeightsPath)))
        {
            problems.Add($"Caffe weights file not found: {model.WeightsPath ?? "(none given)"}");
        }
        return problems;
    }

    /// <summary>Throws the first problem <see cref="Check"/> finds as an <see cref="InferenceException"/>.</summary>
    public static void ThrowIfInvalid(string backend, ModelSource model, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new InferenceException(backend, model.Name, string.Join("; ", problems));
        }
    }
}
