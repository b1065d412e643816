namespace CnnPerf.Tests;

/// <summary>A fresh folder of the temporary directory, deleted with its contents on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TemporaryFolder() => Path = Directory.CreateTempSubdirectory("cnnperf-tests-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Deletes the folder, made writable again first where a test took its permissions away.</summary>
    public void Dispose()
    {
        foreach (var entry in new DirectoryInfo(Path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Prepend(new DirectoryInfo(Path)))
        {
            entry.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | (entry is DirectoryInfo ? UnixFileMode.UserExecute : 0);
        }
        Directory.Delete(Path, recursive: true);
    }
}
