using System.CommandLine;
using CnnPerf.Cli.Commands;

namespace CnnPerf.Cli;

/// <summary>Builds the <c>cnnperf</c> command tree and runs it with the tool's exit-code conventions.</summary>
internal static class CliApplication
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the work itself failed or was interrupted.</summary>
    public const int WorkFailed = 1;

    /// <summary>Exit code for bad usage (unknown command or option, invalid value).</summary>
    public const int BadUsage = 2;

    /// <summary>Creates the root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("cnnperf: which CNN, on which inference framework, runs best on this CPU, and why.");
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.Verbose);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            CommandRunner.WriteError(args.Contains("--json"), "cnnperf", $"{string.Join("; ", parseResult.Errors.Select(e => e.Message))} (run 'cnnperf --help' for usage)");
            return BadUsage;
        }
        // Commands that run long handle SIGINT/SIGTERM themselves (Running.SignalStop) and stop cleanly.
        return parseResult.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
