using System.CommandLine;
using CnnPerf.Running;

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

    /// <summary>
    /// Worker options for this tool. Tiered compilation is off in the worker: its background recompilation runs on a
    /// thread that exists before the counters open, so task-clock would miss CPU time that getrusage sees.
    /// </summary>
    public static WorkerOptions Options(TimeSpan timeout) => new(ForThisTool())
    {
        Timeout = timeout,
        Environment = new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" },
    };

    /// <summary>
    /// The executor of <c>run</c> and <c>study</c>: each configuration in a worker of this tool; with <c>--verbose</c>
    /// every line a worker writes to stderr (its phases) is shown with its process id, <c>worker 1234: ...</c>.
    /// </summary>
    public static WorkerProcessExecutor Executor(ParseResult parseResult, TimeSpan timeout)
    {
        var executor = new WorkerProcessExecutor(Options(timeout));
        if (parseResult.GetValue(GlobalOptions.Verbose))
        {
            executor.WorkerOutput += (pid, line) => Console.Error.WriteLine($"worker {pid}: {line}");
        }
        return executor;
    }
}
