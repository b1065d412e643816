using CnnPerf.Running;

namespace CnnPerf.Store;

/// <summary>
/// Keeps the results a store could not take, so that no finished measurement is lost: each one is appended as a line
/// of JSON (<see cref="RunJson"/>) to <c>STORE.unsaved.jsonl</c> beside the store, or, when that folder cannot be
/// written either, to <c>cnnperf-unsaved-PID.jsonl</c> in the temporary directory. <see cref="Read"/> reads them back.
/// </summary>
public static class UnsavedResults
{
    /// <summary>Appends <paramref name="result"/> to the first file that takes it; returns that file, or null with why none did.</summary>
    /// <param name="storePath">The store that could not save the result.</param>
    /// <param name="result">The result.</param>
    /// <param name="failure">Why no file took it, when none did.</param>
    public static string? Keep(string storePath, RunResult result, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = RunJson.Serialize(result) + "\n";
        var problems = new List<string>();
        foreach (var file in new[] { storePath + ".unsaved.jsonl", Path.Combine(Path.GetTempPath(), $"cnnperf-unsaved-{Environment.ProcessId}.jsonl") })
        {
            try
            {
                File.AppendAllText(file, line);
                failure = null;
                return file;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file}: {e.Message}");
            }
        }
        failure = string.Join("; ", problems);
        return null;
    }

    /// <summary>The results a file of <see cref="Keep"/> holds, in the order they were kept.</summary>
    /// <exception cref="ConfigurationException">A line is not a result.</exception>
    public static IReadOnlyList<RunResult> Read(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(RunJson.DeserializeResult)];
}
