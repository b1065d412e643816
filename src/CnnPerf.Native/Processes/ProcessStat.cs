using System.Globalization;

namespace CnnPerf.Native.Processes;

/// <summary>Fields of <c>/proc/PID/stat</c> (times in clock ticks, see <see cref="ProcFs.ClockTicksPerSecond"/>).</summary>
/// <param name="Pid">Field 1: process id.</param>
/// <param name="Command">Field 2: the command name (inside the parentheses, may contain spaces).</param>
/// <param name="State">Field 3: R, S, D, Z...</param>
/// <param name="MinorFaults">Field 10: minflt.</param>
/// <param name="MajorFaults">Field 12: majflt.</param>
/// <param name="UserTicks">Field 14: utime.</param>
/// <param name="SystemTicks">Field 15: stime.</param>
/// <param name="Threads">Field 20: num_threads.</param>
/// <param name="StartTicks">Field 22: starttime, ticks after boot.</param>
/// <param name="VirtualBytes">Field 23: vsize.</param>
/// <param name="ResidentPages">Field 24: rss in pages.</param>
public sealed record ProcessStat(
    int Pid, string Command, char State, long MinorFaults, long MajorFaults, long UserTicks, long SystemTicks, int Threads,
    long StartTicks, long VirtualBytes, long ResidentPages)
{
    /// <summary>Parses the one line of a stat file.</summary>
    /// <exception cref="CnnPerfException">The line is truncated or malformed.</exception>
    public static ProcessStat Parse(string text)
    {
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        if (open <= 0 || close < open)
        {
            throw new CnnPerfException("/proc stat: no '(command)' field");
        }
        // After the command: field 3 (state) onwards.
        var rest = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length < 22)
        {
            throw new CnnPerfException($"/proc stat: {rest.Length + 2} fields, expected at least 24");
        }
        long Field(int number) => long.TryParse(rest[number - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CnnPerfException($"/proc stat: field {number} is not a number: '{rest[number - 3]}'");
        return new ProcessStat(
            (int)Field2(text[..open]), text[(open + 1)..close], rest[0][0], Field(10), Field(12), Field(14), Field(15), (int)Field(20),
            Field(22), Field(23), Field(24));
    }

    private static long Field2(string pid) =>
        long.TryParse(pid.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CnnPerfException($"/proc stat: pid is not a number: '{pid.Trim()}'");
}
