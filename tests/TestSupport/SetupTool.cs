namespace CnnPerf.Tests;

/// <summary>
/// The programs <c>scripts/setup.sh</c> installs, as tests need them. A missing one skips the test with a reason
/// that names its Debian package; <c>scripts/test-summary.cs</c> counts such a skip as a failure under CI
/// (<c>CI=true</c>), where the machine must have been set up. Skips for missing hardware name no package.
/// </summary>
public static class SetupTool
{
    /// <summary>The full path of <paramref name="program"/> (or of the first of <paramref name="alternatives"/> found) on PATH; skips the test when none is there.</summary>
    /// <param name="package">The Debian package that provides it.</param>
    /// <param name="program">The program's name.</param>
    /// <param name="alternatives">Other names of the same program (for example <c>chromium-browser</c>).</param>
    public static string Require(string package, string program, params string[] alternatives)
    {
        var path = new[] { program }.Concat(alternatives).Select(Find).FirstOrDefault(p => p is not null);
        if (path is null)
        {
            Assert.Ignore($"{program} is not installed (Debian package {package}; scripts/setup.sh installs it)");
        }
        return path!;
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
