using System.Globalization;

namespace CnnPerf.Native.Processes;

/// <summary>Memory and thread figures of <c>/proc/PID/status</c>.</summary>
/// <param name="ResidentBytes"><c>VmRSS</c>: resident set size now.</param>
/// <param name="PeakResidentBytes"><c>VmHWM</c>: peak resident set size.</param>
/// <param name="VirtualBytes"><c>VmSize</c>: virtual memory size.</param>
/// <param name="Threads"><c>Threads</c>: number of threads.</param>
/// <param name="VoluntaryContextSwitches"><c>voluntary_ctxt_switches</c> (of the main thread).</param>
/// <param name="NonvoluntaryContextSwitches"><c>nonvoluntary_ctxt_switches</c> (of the main thread).</param>
public sealed record ProcessStatus(
    long ResidentBytes, long PeakResidentBytes, long VirtualBytes, int Threads, long VoluntaryContextSwitches, long NonvoluntaryContextSwitches)
{
    /// <summary>Parses the text of a status file.</summary>
    /// <exception cref="CnnPerfException">A required field (VmRSS, VmHWM, Threads) is missing or malformed.</exception>
    public static ProcessStatus Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }
        return new ProcessStatus(
            Kilobytes(fields, "VmRSS"), Kilobytes(fields, "VmHWM"), Kilobytes(fields, "VmSize"), (int)Number(fields, "Threads"),
            Number(fields, "voluntary_ctxt_switches", required: false), Number(fields, "nonvoluntary_ctxt_switches", required: false));
    }

    private static long Kilobytes(Dictionary<string, string> fields, string name)
    {
        if (!fields.TryGetValue(name, out var value) || !value.EndsWith(" kB", StringComparison.Ordinal))
        {
            throw new CnnPerfException($"/proc status: no '{name}: N kB' line");
        }
        return Number(name, value[..^3].Trim()) * 1024;
    }

    private static long Number(Dictionary<string, string> fields, string name, bool required = true)
    {
        if (fields.TryGetValue(name, out var value))
        {
            return Number(name, value);
        }
        return required ? throw new CnnPerfException($"/proc status: no '{name}' line") : 0;
    }

    private static long Number(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new CnnPerfException($"/proc status: '{name}' is not a number: '{value}'");
}
