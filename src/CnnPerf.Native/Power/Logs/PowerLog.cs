using System.Globalization;

namespace CnnPerf.Native.Power.Logs;

/// <summary>
/// A CSV log of (time, watts) written by an external instrument (a lab power analyzer, a smart plug). The time
/// column is Unix seconds (<c>1764138000.125</c>) or ISO 8601 with a zone (<c>2026-11-26T06:30:00.125Z</c>);
/// the separator is a comma, semicolon or tab; an optional header names the columns (<c>time</c> or
/// <c>timestamp</c>, and <c>watts</c>, <c>power</c> or <c>w</c>; otherwise the first two columns are used);
/// lines starting with <c>#</c> are comments. Every value is checked: times must increase from line to line (a log
/// is never re-sorted, and a repeated time is a repeated line), and watts must be a finite number from 0 to
/// <see cref="MaxWatts"/>; a line that breaks a rule is an error naming the file and the line.
/// </summary>
public static class PowerLog
{
    /// <summary>The largest power a log may record: far above any machine CnnPerf measures, so only a broken value exceeds it.</summary>
    public const double MaxWatts = 100_000;

    private static readonly string[] TimeNames = ["time", "timestamp", "t", "unix", "unix_s", "time_s"];
    private static readonly string[] WattNames = ["watts", "power", "w", "power_w", "watt"];

    /// <summary>Reads and parses a log file.</summary>
    /// <exception cref="CnnPerfException">The file is missing or a line is malformed, with the line number.</exception>
    public static IReadOnlyList<PowerLogEntry> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CnnPerfException($"power log {path} does not exist");
        }
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses log text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="CnnPerfException">A line is malformed, with the line number.</exception>
    public static IReadOnlyList<PowerLogEntry> Parse(TextReader reader, string source)
    {
        var entries = new List<PowerLogEntry>();
        int timeColumn = 0, wattColumn = 1, lineNumber = 0;
        var first = true;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim() is "" or ['#', ..])
            {
                continue;
            }
            var fields = line.Split([',', ';', '\t']).Select(f => f.Trim().Trim('"')).ToArray();
            if (first && !TryParseTime(fields[0], out _))
            {
                (timeColumn, wattColumn) = HeaderColumns(fields, source);
                first = false;
                continue;
            }
            first = false;
            if (fields.Length <= Math.Max(timeColumn, wattColumn))
            {
                throw new CnnPerfException($"{source}:{lineNumber}: expected at least {Math.Max(timeColumn, wattColumn) + 1} columns, got '{line}'");
            }
            if (!TryParseTime(fields[timeColumn], out var time))
            {
                throw new CnnPerfException($"{source}:{lineNumber}: '{fields[timeColumn]}' is not a time (Unix seconds or ISO 8601 with a zone)");
            }
            if (!double.TryParse(fields[wattColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var watts) || !double.IsFinite(watts))
            {
                throw new CnnPerfException($"{source}:{lineNumber}: '{fields[wattColumn]}' is not a number of watts");
            }
            if (watts is < 0 or > MaxWatts)
            {
                throw new CnnPerfException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}:{lineNumber}: {watts:G6} W is {(watts < 0 ? "negative" : $"more than {MaxWatts:G6} W")}: not a power a machine draws"));
            }
            if (entries.Count > 0 && time <= entries[^1].UnixSeconds)
            {
                throw new CnnPerfException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}:{lineNumber}: time {fields[timeColumn]} is {(time == entries[^1].UnixSeconds ? "the same as" : "before")} the previous line's: times must increase"));
            }
            entries.Add(new PowerLogEntry(time, watts));
        }
        if (entries.Count == 0)
        {
            throw new CnnPerfException($"{source}: no (time, watts) lines");
        }
        return entries;
    }

    private static (int Time, int Watts) HeaderColumns(string[] header, string source)
    {
        var names = header.Select(h => h.ToLowerInvariant()).ToList();
        var time = names.FindIndex(n => TimeNames.Contains(n));
        var watts = names.FindIndex(n => WattNames.Contains(n));
        if (header.Length < 2)
        {
            throw new CnnPerfException($"{source}: the header '{string.Join(",", header)}' has fewer than two columns (time, watts)");
        }
        return (time < 0 ? 0 : time, watts < 0 ? (time == 1 ? 0 : 1) : watts);
    }

    private static bool TryParseTime(string text, out double unixSeconds)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out unixSeconds))
        {
            return double.IsFinite(unixSeconds);
        }
        if (text.Length > 10 && (text.EndsWith('Z') || text[10..].Contains('+') || text[10..].Contains('-'))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            unixSeconds = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
            return true;
        }
        return false;
    }
}
