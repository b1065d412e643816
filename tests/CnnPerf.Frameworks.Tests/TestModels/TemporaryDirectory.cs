namespace CnnPerf.Frameworks.Tests.TestModels;

/// <summary>A fresh temporary folder, deleted with its contents on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TemporaryDirectory() => Path = Directory.CreateTempSubdirectory("cnnperf-frameworks-tests-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
