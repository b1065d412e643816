using System.Reflection;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Support;

/// <summary>Where the tests find the NuGet cache and the load fix sources.</summary>
internal static class TestPaths
{
    /// <summary>The NuGet global packages folder the build restored from.</summary>
    public static string NuGetPackageRoot => Metadata("NuGetPackageRoot");

    /// <summary>The folder of the load fix's MSBuild targets, script and C sources.</summary>
    public static string LoadFixFolder => Path.GetFullPath(Metadata("LoadFixFolder"));

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing");
}
