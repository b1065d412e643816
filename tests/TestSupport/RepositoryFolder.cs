namespace CnnPerf.Tests;

/// <summary>The repository the tests were built from (the folder of CnnPerf.slnx above the test assembly).</summary>
public static class RepositoryFolder
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CnnPerf.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"no CnnPerf.slnx above {AppContext.BaseDirectory}");
    }
}
