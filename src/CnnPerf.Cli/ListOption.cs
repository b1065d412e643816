using System.CommandLine;

namespace CnnPerf.Cli;

/// <summary>
/// The one grammar of list options: items separated by commas, given as separate arguments, or both, so that
/// <c>--threads 1,2</c>, <c>--threads 1 2</c> and <c>--threads 1, 2</c> are the same list, on every command.
/// </summary>
internal static class ListOption
{
    /// <summary>A list option.</summary>
    /// <param name="name">The option's name, for example <c>--backends</c>.</param>
    /// <param name="description">What it lists; the grammar is added to it.</param>
    /// <param name="aliases">Other names of the option.</param>
    public static Option<string[]> Create(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = $"{description} (separated by commas or spaces)", AllowMultipleArgumentsPerToken = true };

    /// <summary>The items, split at commas and trimmed, without empty ones; null when the option was not given.</summary>
    public static string[]? Items(this ParseResult parseResult, Option<string[]> option) =>
        parseResult.GetValue(option) is { Length: > 0 } arguments
            ? [.. arguments.SelectMany(a => a.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))]
            : null;

    /// <summary>
    /// The arguments joined by commas, for a list whose items have a grammar of their own in which commas also occur
    /// (perf events such as <c>cpu/event=0x3c,umask=0/</c>); null when the option was not given.
    /// </summary>
    public static string? Joined(this ParseResult parseResult, Option<string[]> option) =>
        parseResult.GetValue(option) is { Length: > 0 } arguments ? string.Join(",", arguments) : null;
}
