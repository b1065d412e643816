namespace CnnPerf.Frameworks.Tests.TestModels;

/// <summary>The threads of this process that the .NET runtime did not create (it names all of its own ".NET ...").</summary>
internal static class ProcessThreads
{
    /// <summary>Thread ids from /proc/self/task whose name does not start with ".NET".</summary>
    public static HashSet<int> NonRuntime()
    {
        var ids = new HashSet<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET", StringComparison.Ordinal))
                {
                    ids.Add(int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The thread ended while we listed it.
            }
        }
        return ids;
    }
}
