namespace CnnPerf.Models;

/// <summary>
/// Finds the pretrained ResNet-18 of NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18: in the
/// application's folder (the package copies <c>DnnImageModels/</c> into the build output of a project that
/// references it), else in the NuGet packages folder (<c>$NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>).
/// </summary>
internal sealed class PackagedModelLocator(Func<string, string?> environment, string applicationDirectory, string homeDirectory)
{
    /// <summary>The package that ships the model.</summary>
    public const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";

    /// <summary>The package version.</summary>
    public const string PackageVersion = "0.23.1";

    private static readonly string ModelPath = Path.Combine("DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>A locator for this process: its environment, application folder and home folder.</summary>
    public static PackagedModelLocator ForCurrentProcess() =>
        new(Environment.GetEnvironmentVariable, AppContext.BaseDirectory, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The places searched, in order.</summary>
    public IReadOnlyList<string> Candidates()
    {
        var packagesRoot = environment("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(homeDirectory, ".nuget", "packages");
        return
        [
            Path.Combine(applicationDirectory, ModelPath),
            Path.Combine(packagesRoot, PackageId.ToLowerInvariant(), PackageVersion, "tools", ModelPath),
        ];
    }

    /// <summary>The model file.</summary>
    /// <exception cref="CnnPerfException">The package's model is in none of the searched places.</exception>
    public string Locate()
    {
        var candidates = Candidates();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new CnnPerfException(
                $"the pretrained ResNet18.onnx of NuGet package {PackageId} {PackageVersion} was not found (looked in {string.Join(" and ", candidates)}); " +
                $"restore a project that references the package (dotnet add package {PackageId} --version {PackageVersion}) or set NUGET_PACKAGES to the packages folder that holds it");
    }
}
