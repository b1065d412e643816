using CnnPerf.Running;

namespace CnnPerf.Cli;

/// <summary>Says where a result the store refused went (see <see cref="Store.UnsavedResults"/>).</summary>
internal static class UnsavedReport
{
    /// <summary>One line: what was not saved, why, and the file that keeps it (or that none could).</summary>
    public static string Line(UnsavedResult unsaved) =>
        $"{unsaved.Result.Configuration.Label} was not saved: {unsaved.Reason}; "
        + (unsaved.File is { } file ? $"its result is kept in {file}" : $"no file could keep it either ({unsaved.FileFailure})");

    /// <summary>
    /// Writes the line of every unsaved result to stderr, each followed by the result's JSON when no file kept it, so
    /// that the measurement is printed at least.
    /// </summary>
    public static void Write(IEnumerable<UnsavedResult> unsaved)
    {
        foreach (var entry in unsaved)
        {
            Console.Error.WriteLine($"warning: {Line(entry)}");
            if (entry.File is null)
            {
                Console.Error.WriteLine(RunJson.Serialize(entry.Result));
            }
        }
    }
}
