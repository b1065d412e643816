namespace CnnPerf.Cli.Tests.Commands;

/// <summary>Runs the tool in-process and captures what it writes.</summary>
internal static class CliRun
{
    private static readonly object ConsoleLock = new();

    /// <summary>The exit code, stdout and stderr of <c>cnnperf ARGS</c>.</summary>
    public static (int ExitCode, string Out, string Error) Invoke(params string[] args)
    {
        lock (ConsoleLock)
        {
            var (originalOut, originalError) = (Console.Out, Console.Error);
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var exitCode = CliApplication.Run(args);
                return (exitCode, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalError);
            }
        }
    }
}
