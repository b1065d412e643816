using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Processes;

/// <summary>
/// Reads a process's files under <c>/proc</c> (the root is a seam: tests point it at recorded files).
/// </summary>
public sealed class ProcFs
{
    /// <summary>Reads the current process under the real <c>/proc</c>.</summary>
    public ProcFs() : this("/proc", "self")
    {
    }

    /// <summary>Reads process <paramref name="process"/> (a pid or <c>self</c>) under <paramref name="root"/>.</summary>
    public ProcFs(string root, string process)
    {
        Root = root;
        Process = process;
    }

    /// <summary>Clock ticks per second of the times in <see cref="ProcessStat"/> (<c>sysconf(_SC_CLK_TCK)</c>).</summary>
    public static long ClockTicksPerSecond { get; } = NativeMethods.SysConf(NativeMethods.ScClkTck) is > 0 and var ticks ? ticks : 100;

    /// <summary>The proc root.</summary>
    public string Root { get; }

    /// <summary>The process folder name (<c>self</c> or a pid).</summary>
    public string Process { get; }

    /// <summary>Reads and parses <c>status</c>.</summary>
    public ProcessStatus ReadStatus() => ProcessStatus.Parse(Read("status"));

    /// <summary>Reads and parses <c>stat</c>.</summary>
    public ProcessStat ReadStat() => ProcessStat.Parse(Read("stat"));

    /// <summary>The ids of the process's threads (<c>task/</c>).</summary>
    public IReadOnlyList<int> ThreadIds() =>
        [.. Directory.EnumerateDirectories(Path.Combine(Root, Process, "task"))
            .Select(path => int.TryParse(Path.GetFileName(path), out var tid) ? tid : -1)
            .Where(tid => tid > 0)
            .Order()];

    /// <summary>Reads every thread's <c>schedstat</c>; threads that exit while listed are left out.</summary>
    public IReadOnlyList<ThreadSchedStat> ReadThreadSchedStats()
    {
        var stats = new List<ThreadSchedStat>();
        foreach (var tid in ThreadIds())
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(Root, Process, "task", tid.ToString(System.Globalization.CultureInfo.InvariantCulture), "schedstat"));
            }
            catch (IOException)
            {
                continue;
            }
            stats.Add(ThreadSchedStat.Parse(tid, text));
        }
        return stats;
    }

    private string Read(string file)
    {
        var path = Path.Combine(Root, Process, file);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CnnPerfException($"cannot read {path}: {e.Message}", e);
        }
    }
}
