using System.Globalization;
using System.Text.RegularExpressions;

namespace CnnPerf.Simulation;

/// <summary>
/// The totals of one output file of valgrind's cache simulator, in cachegrind's or callgrind's format (a callgrind
/// dump is one file): the event counts of its <c>summary:</c> line (else its <c>totals:</c> line) keyed by event
/// name (<c>Ir</c>, <c>Dr</c>, <c>D1mr</c>, <c>Bcm</c>...) and the cache geometry of its <c>desc:</c> lines, which
/// is what the simulation really used.
/// </summary>
public sealed partial class ValgrindProfile
{
    private ValgrindProfile(IReadOnlyDictionary<string, long> totals, IReadOnlyDictionary<string, CacheLevel> caches, string? command)
    {
        Totals = totals;
        Caches = caches;
        Command = command;
    }

    /// <summary>The event counts of the whole run, keyed by valgrind's event name.</summary>
    public IReadOnlyDictionary<string, long> Totals { get; }

    /// <summary>The simulated caches by valgrind's name (<c>I1</c>, <c>D1</c>, <c>LL</c>).</summary>
    public IReadOnlyDictionary<string, CacheLevel> Caches { get; }

    /// <summary>The profiled command line, or null when the file does not give it.</summary>
    public string? Command { get; }

    /// <summary>The count of an event, or 0 when the run did not collect it.</summary>
    public long this[string eventName] => Totals.GetValueOrDefault(eventName);

    /// <summary>Reads a cachegrind or callgrind output file.</summary>
    /// <exception cref="CnnPerfException">The file is missing, unreadable or not a cache simulation output.</exception>
    public static ValgrindProfile Load(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader, path);
        }
        catch (IOException e)
        {
            throw new CnnPerfException($"cannot read the valgrind output {path}: {e.Message}", e);
        }
    }

    /// <summary>Parses cachegrind or callgrind output text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="origin">Where the text comes from, for error messages.</param>
    /// <exception cref="CnnPerfException">The text has no <c>events:</c> or <c>summary:</c> line, or they disagree.</exception>
    public static ValgrindProfile Parse(TextReader reader, string origin = "valgrind output")
    {
        string[]? events = null;
        string[]? summary = null;
        string[]? totalsLine = null;
        string? command = null;
        var caches = new Dictionary<string, CacheLevel>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("events:", StringComparison.Ordinal))
            {
                events = Fields(line);
            }
            else if (line.StartsWith("summary:", StringComparison.Ordinal))
            {
                summary = Fields(line);
            }
            else if (line.StartsWith("totals:", StringComparison.Ordinal))
            {
                totalsLine = Fields(line);
            }
            else if (line.StartsWith("cmd:", StringComparison.Ordinal))
            {
                command = line[4..].Trim();
            }
            else if (CacheDescription().Match(line) is { Success: true } match)
            {
                var size = long.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture);
                var lineBytes = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
                var ways = match.Groups["ways"].Success ? int.Parse(match.Groups["ways"].Value, CultureInfo.InvariantCulture)
                    : match.Groups["full"].Success ? (int)(size / lineBytes) : 1;
                caches[match.Groups["name"].Value] = new CacheLevel(size, ways, lineBytes);
            }
        }
        summary ??= totalsLine;
        if (events is null || summary is null)
        {
            throw new CnnPerfException($"{origin} is not a valgrind cache simulation output: it has no {(events is null ? "'events:'" : "'summary:'")} line");
        }
        if (summary.Length != events.Length)
        {
            throw new CnnPerfException($"{origin}: the summary has {summary.Length} counts for {events.Length} events");
        }
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < events.Length; i++)
        {
            if (!long.TryParse(summary[i], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new CnnPerfException($"{origin}: the summary count '{summary[i]}' of event {events[i]} is not a number");
            }
            totals[events[i]] = count;
        }
        return new ValgrindProfile(totals, caches, command);
    }

    private static string[] Fields(string line) => line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^desc: (?<name>I1|D1|LL) cache:\s+(?<size>\d+) B, (?<line>\d+) B, (?:(?<ways>\d+)-way associative|direct-mapped|(?<full>fully associative))")]
    private static partial Regex CacheDescription();
}
