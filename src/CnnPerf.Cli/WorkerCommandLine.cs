namespace CnnPerf.Cli;

/// <summary>The command line that starts this tool's hidden <c>worker</c> command in a new process.</summary>
internal static class WorkerCommandLine
{
    /// <summary>
    /// <c>/path/cnnperf worker</c> under the app host, otherwise <c>dotnet /path/cnnperf.dll worker</c> (also when
    /// the tool runs inside another host, such as a test runner).
    /// </summary>
    public static IReadOnlyList<string> ForThisTool()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(process);
        if (name == "cnnperf")
        {
            return [process, "worker"];
        }
        var dotnet = name == "dotnet" ? process : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return [dotnet, Path.Combine(AppContext.BaseDirectory, "cnnperf.dll"), "worker"];
    }
}
