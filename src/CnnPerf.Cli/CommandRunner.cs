using System.CommandLine;

namespace CnnPerf.Cli;

/// <summary>
/// Runs a command's work with the tool's error conventions: a <see cref="CnnPerfException"/> or any other
/// failure becomes one line on stderr and exit code 1 (with the stack trace under <c>--verbose</c>);
/// <see cref="UsageException"/> becomes exit code 2.
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
            catch (UsageException e)
            {
                Console.Error.WriteLine($"cnnperf {command.Name}: {e.Message}");
                return CliApplication.BadUsage;
            }
            catch (Exception e)
            {
                var verbose = parseResult.GetValue(GlobalOptions.Verbose);
                Console.Error.WriteLine($"cnnperf {command.Name}: {OneLine(e)}");
                if (verbose)
                {
                    Console.Error.WriteLine(e);
                }
                return CliApplication.WorkFailed;
            }
        });
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
        var message = e is CnnPerfException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        return message.ReplaceLineEndings(" ");
    }
}
