using System.Reflection;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Support;

/// <summary>Where the tests find their inputs: the pretrained CNTK ResNet-18 package, the NuGet cache, the load fix sources.</summary>
internal static class TestPaths
{
    /// <summary>The ONNX file of Microsoft.ML.DnnImageFeaturizer.ResNet18, or null when the package is not restored.</summary>
    public static ModelSource? ResNet18Cntk()
    {
        var folder = Metadata("ResNet18PackageFolder");
        var path = folder is null ? null : Path.Combine(folder, "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
        return path is not null && File.Exists(path) ? new ModelSource("resnet18_cntk", path, ModelFormat.Onnx) : null;
    }

    /// <summary>The NuGet global packages folder the build restored from.</summary>
    public static string NuGetPackageRoot => Metadata("NuGetPackageRoot") ?? throw new InvalidOperationException("NuGetPackageRoot metadata missing");

    /// <summary>The folder of the load fix's MSBuild targets, script and C sources.</summary>
    public static string LoadFixFolder => Path.GetFullPath(Metadata("LoadFixFolder") ?? throw new InvalidOperationException("LoadFixFolder metadata missing"));

    private static string? Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value
            ? value
            : null;
}
