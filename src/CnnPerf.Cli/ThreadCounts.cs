using System.CommandLine;
using System.Globalization;
using CnnPerf.Backends;

namespace CnnPerf.Cli;

/// <summary>
/// <c>--threads</c>, which means the same on every command: the threads a backend may use for one inference, from 1 to
/// <see cref="BackendOptions.MaxThreads"/>; counts above the logical cores are allowed with a warning.
/// </summary>
internal static class ThreadCounts
{
    /// <summary>Checks a count and warns on stderr when it is more than the logical cores.</summary>
    /// <exception cref="UsageException">The count is below 1 or above <see cref="BackendOptions.MaxThreads"/>.</exception>
    public static int Check(Option option, int threads)
    {
        if (BackendOptions.ThreadsProblem(threads) is { } problem)
        {
            throw new UsageException($"{option.Name}: {problem}");
        }
        if (threads > Environment.ProcessorCount)
        {
            Console.Error.WriteLine($"warning: {option.Name} {threads} is more than the {Environment.ProcessorCount} logical cores: the threads take turns on them");
        }
        return threads;
    }

    /// <summary>A list of counts (<see cref="ListOption"/>), each checked; null without the option.</summary>
    /// <exception cref="UsageException">An item is not a whole number or is out of range, or the list is empty.</exception>
    public static int[]? Parse(ParseResult parseResult, Option<string[]> option)
    {
        if (parseResult.Items(option) is not { } items)
        {
            return null;
        }
        if (items.Length == 0)
        {
            throw new UsageException($"{option.Name}: the list is empty");
        }
        return [.. items.Select(item => int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? Check(option, n)
                : throw new UsageException($"{option.Name}: '{item}' is not a whole number of threads"))
            .Distinct()];
    }
}
