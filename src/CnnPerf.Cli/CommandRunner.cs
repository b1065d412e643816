using System.CommandLine;

namespace CnnPerf.Cli;

/// <summary>
/// Runs a command's work with the tool's error conventions. An error before the command wrote its output is one line
/// on stderr (<c>cnnperf COMMAND: what happened</c>, with the stack trace under <c>--verbose</c>) and, under
/// <c>--json</c>, <c>{"error": "what happened"}</c> on stdout; its exit code is 2 for a <see cref="UsageException"/>,
/// the exception's own for a <see cref="CommandExitException"/>, and 1 for anything else (a <see cref="CnnPerfException"/>).
/// </summary>
internal static class CommandRunner
{
    /// <summary>Sets <paramref name="work"/> as the command's action, wrapped in the error conventions.</summary>
    public static void SetWork(this Command command, Func<ParseResult, CancellationToken, Task<int>> work)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await work(parseResult, cancellationToken);
            }
            catch (Exception e)
            {
                var exitCode = e switch
                {
                    UsageException => CliApplication.BadUsage,
                    CommandExitException exit => exit.ExitCode,
                    _ => CliApplication.WorkFailed,
                };
                WriteError(parseResult.GetValue(GlobalOptions.Json), $"cnnperf {command.Name}", OneLine(e));
                if (parseResult.GetValue(GlobalOptions.Verbose))
                {
                    Console.Error.WriteLine(e);
                }
                return exitCode;
            }
        });
    }

    /// <summary>
    /// Writes an error before any output: <c>SOURCE: MESSAGE</c> on stderr and, under <c>--json</c>,
    /// <c>{"error": "MESSAGE"}</c> on stdout.
    /// </summary>
    public static void WriteError(bool json, string source, string message)
    {
        if (json)
        {
            JsonOutput.Write(new { Error = message });
        }
        Console.Error.WriteLine($"{source}: {message}");
    }

    /// <summary>
    /// Writes the one line of a failure of the work whose output was already written (a failed or interrupted
    /// configuration) and returns exit code 1.
    /// </summary>
    public static int Failed(this ParseResult parseResult, string message)
    {
        Console.Error.WriteLine($"cnnperf {parseResult.CommandResult.Command.Name}: {message.ReplaceLineEndings(" ")}");
        return CliApplication.WorkFailed;
    }

    /// <summary>Sets synchronous <paramref name="work"/> as the command's action.</summary>
    public static void SetWork(this Command command, Func<ParseResult, int> work) =>
        command.SetWork((parseResult, _) => Task.FromResult(work(parseResult)));

    private static string OneLine(Exception e)
    {
        var message = e is CnnPerfException or UsageException or CommandExitException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        return message.ReplaceLineEndings(" ");
    }
}
