using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Cli.Commands;

/// <summary><c>cnnperf stat [-e EVENTS] -- COMMAND [ARGS]</c>: run a command with counters, like <c>perf stat</c>.</summary>
internal static class StatCommand
{
    /// <summary>Creates the command.</summary>
    internal static Command Create()
    {
        var events = new Option<string?>("--events", "-e")
        {
            Description = "Comma-separated events (perf names, rNNNN, pmu/terms/); default: task-clock, context-switches, cpu-migrations, page-faults, cycles, instructions, branches, branch-misses",
        };
        var commandLine = new Argument<string[]>("command")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "The command and its arguments (after --)",
        };
        var command = new Command("stat", "Run a command with counters enabled from its exec and print the counts (exit code: the command's)");
        command.Options.Add(events);
        command.Arguments.Add(commandLine);
        command.SetWork(async (parseResult, cancellationToken) =>
        {
            var json = parseResult.GetValue(GlobalOptions.Json);
            var argv = parseResult.GetValue(commandLine) ?? [];
            var eventList = ParseEvents(parseResult.GetValue(events));
            var start = new ProcessStartInfo(argv[0], argv.Skip(1)) { UseShellExecute = false, RedirectStandardOutput = json };
            var result = await CommandStat.RunAsync(start, eventList, cancellationToken);
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
            return result.ExitCode;
        });
        return command;
    }

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
