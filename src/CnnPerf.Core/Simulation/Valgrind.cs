namespace CnnPerf.Simulation;

/// <summary>Finds the valgrind executable: an explicit path, <c>$CNNPERF_VALGRIND</c>, or <c>valgrind</c> on PATH.</summary>
public static class Valgrind
{
    /// <summary>The environment variable that names the valgrind executable to use.</summary>
    public const string EnvironmentVariable = "CNNPERF_VALGRIND";

    /// <summary>Finds valgrind.</summary>
    /// <param name="executable">An explicit path; null for <c>$CNNPERF_VALGRIND</c>, then PATH.</param>
    /// <returns>The full path of the executable.</returns>
    /// <exception cref="CnnPerfException">Valgrind is not there; the message names the Debian package.</exception>
    public static string Locate(string? executable = null)
    {
        var configured = executable ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } v ? v : null);
        if (configured is not null)
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new CnnPerfException($"valgrind not found at {configured}: install the Debian package 'valgrind' (apt-get install valgrind) to simulate counters");
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "valgrind"))
            .FirstOrDefault(File.Exists)
            ?? throw new CnnPerfException("valgrind is not installed (not on PATH): install the Debian package 'valgrind' (apt-get install valgrind) to simulate counters");
    }
}
