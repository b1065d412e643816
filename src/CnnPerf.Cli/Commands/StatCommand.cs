using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Native.Perf;
using CnnPerf.Native.Processes;

namespace CnnPerf.Cli.Commands;

/// <summary><c>cnnperf stat [-e EVENTS] -- COMMAND [ARGS]</c>: run a command with counters, like <c>perf stat</c>.</summary>
internal static class StatCommand
{
    /// <summary>Creates the command.</summary>
    internal static Command Create()
    {
        var events = ListOption.Create("--events",
            "Events (perf names, rNNNN, pmu/terms/); default: task-clock, context-switches, cpu-migrations, page-faults, cycles, instructions, branches, branch-misses",
            "-e");
        var commandLine = new Argument<string[]>("command")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "The command and its arguments (after --)",
        };
        var command = new Command("stat",
            "Run a command with counters enabled from its exec and print the counts (exit code: the command's; 127 when it is not found, 126 when it cannot be run)");
        command.Options.Add(events);
        command.Arguments.Add(commandLine);
        command.SetWork(async (parseResult, cancellationToken) =>
        {
            var json = parseResult.GetValue(GlobalOptions.Json);
            var argv = parseResult.GetValue(commandLine) ?? [];
            var eventList = ParseEvents(parseResult.Joined(events));
            var start = new ProcessStartInfo(argv[0], argv.Skip(1)) { UseShellExecute = false, RedirectStandardOutput = json };
            if (Directory.Exists(argv[0]))
            {
                throw new CommandExitException($"{argv[0]}: cannot be run: it is a directory", CommandNotExecutable);
            }
            CommandStatResult result;
            try
            {
                result = await CommandStat.RunAsync(start, eventList, cancellationToken);
            }
            catch (CnnPerfException e) when (e.InnerException is Win32Exception { NativeErrorCode: var errno } && errno is NotFound or NotExecutable or NotAnExecutableFormat)
            {
                // As shells do: 127 for a command that is not there, 126 for one that cannot be run.
                throw errno == NotFound
                    ? new CommandExitException($"{argv[0]}: command not found", CommandNotFound)
                    : new CommandExitException($"{argv[0]}: cannot be run: {new Win32Exception(errno).Message}", CommandNotExecutable);
            }
            if (json)
            {
                JsonOutput.Write(new
                {
                    result.ExitCode,
                    ElapsedSeconds = result.Elapsed.TotalSeconds,
                    Metrics = result.Metrics.ToDictionary(m => m.Id, m => new { m.Value, m.Unit, m.Provenance, m.RunningShare }),
                    Unavailable = result.Unavailable.Select(u => new { u.Event.Name, u.Event.Kind, u.Errno, Reason = u.Hint }),
                });
            }
            else
            {
                WriteText(string.Join(' ', argv), result);
            }
            if (ProcessSignals.FromExitCode(result.ExitCode) is { } signal)
            {
                Console.Error.WriteLine($"cnnperf stat: '{string.Join(' ', argv)}' was terminated by {ProcessSignals.Describe(signal)} (exit code {result.ExitCode})");
            }
            return result.ExitCode;
        });
        return command;
    }

    /// <summary>The exit code of a command that is not found, as shells give it.</summary>
    private const int CommandNotFound = 127;

    /// <summary>The exit code of a command that is found but cannot be run, as shells give it.</summary>
    private const int CommandNotExecutable = 126;

    private const int NotFound = 2;
    private const int NotExecutable = 13;
    private const int NotAnExecutableFormat = 8;

    private static IReadOnlyList<IPerfEvent> ParseEvents(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return CommandStat.DefaultEvents;
        }
        try
        {
            return PerfEventNames.ParseList(list);
        }
        catch (CnnPerfException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void WriteText(string commandText, CommandStatResult result)
    {
        var output = Console.Error;
        output.WriteLine();
        output.WriteLine($" Counter stats for '{commandText}':");
        output.WriteLine();
        foreach (var metric in result.Metrics)
        {
            var share = metric.RunningShare is < 1.0 ? $"  ({metric.RunningShare.Value * 100:F1}% running)" : "";
            var name = MetricIds.Find(metric.Id)?.DisplayName ?? metric.Id;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric.Value,20:#,0.###} {metric.Unit,-9} {name} [{metric.Id}]{share}"));
        }
        foreach (var missing in result.Unavailable)
        {
            output.WriteLine($"{"<not supported>",20} {"",-9} {missing.Event.Name} ({missing.Errno}: {missing.Hint})");
        }
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Elapsed.TotalSeconds,20:F6} seconds time elapsed (exit code {result.ExitCode})"));
    }
}
