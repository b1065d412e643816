using CnnPerf.Backends;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.Validation;

/// <summary>The checks every backend of this assembly makes before it loads anything.</summary>
internal static class BackendChecks
{
    /// <summary>
    /// Problems with availability, thread count, setting names, model format and Caffe files, each as the
    /// backend reports it; empty when none.
    /// </summary>
    public static List<InferenceException> Check(
        string backend,
        BackendAvailability availability,
        PreparedModel model,
        BackendOptions options,
        IReadOnlyCollection<string> knownSettings,
        IReadOnlyCollection<ModelFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
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
        else if (model.Format == ModelFormat.Caffe)
        {
            if (!File.Exists(model.Source.Path))
            {
                problems.Add($"model file not found: {model.Source.Path}");
            }
            if (model.Source.WeightsPath is null || !File.Exists(model.Source.WeightsPath))
            {
                problems.Add($"Caffe weights file not found: {model.Source.WeightsPath ?? "(none given)"}");
            }
        }
        return [.. problems.Select(p => new InferenceException(backend, model.Name, p))];
    }

    /// <summary>Throws the first problem found.</summary>
    public static void ThrowIfAny(IReadOnlyList<InferenceException> problems)
    {
        if (problems.Count > 0)
        {
            throw problems[0];
        }
    }
}
