using System.Globalization;

namespace CnnPerf.Native.Processes;

/// <summary>
/// The kernel's CPU list syntax (<c>/sys/devices/system/cpu/online</c>, a PMU's <c>cpumask</c>, <c>taskset -c</c>):
/// numbers and ranges separated by commas, for example <c>0</c>, <c>0,64</c> or <c>0-3,8</c>.
/// </summary>
public static class CpuList
{
    /// <summary>The largest CPU number a list may name (far above any machine's; a range up to it stays small in memory).</summary>
    public const int MaxCpu = (1 << 20) - 1;

    /// <summary>Parses a CPU list into its CPUs, in ascending order without repeats.</summary>
    /// <exception cref="CnnPerfException">The text is not a CPU list, with the part that is wrong.</exception>
    public static IReadOnlyList<int> Parse(string text)
    {
        var cpus = new SortedSet<int>();
        foreach (var part in text.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-');
            var (firstText, lastText) = dash < 0 ? (part, part) : (part[..dash], part[(dash + 1)..]);
            if (!TryParseCpu(firstText, out var first) || !TryParseCpu(lastText, out var last) || last < first)
            {
                throw new CnnPerfException($"'{part}' in '{text.Trim()}' is not a CPU number or range (for example 0,64 or 0-3; CPUs 0-{MaxCpu})");
            }
            cpus.UnionWith(Enumerable.Range(first, last - first + 1));
        }
        return cpus.Count > 0 ? [.. cpus] : throw new CnnPerfException($"'{text.Trim()}' is not a CPU list: it names no CPU (for example 0,64 or 0-3)");
    }

    /// <summary>The CPUs as a list of ranges, for example <c>0-3,8</c>.</summary>
    public static string Format(IEnumerable<int> cpus)
    {
        var ranges = new List<string>();
        var sorted = cpus.Distinct().Order().ToList();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            ranges.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }
        return string.Join(",", ranges);
    }

    private static bool TryParseCpu(string text, out int cpu) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cpu) && cpu <= MaxCpu;
}
