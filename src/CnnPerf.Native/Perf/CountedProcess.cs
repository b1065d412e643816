using System.Diagnostics;

namespace CnnPerf.Native.Perf;

/// <summary>
/// A command started with counters that turn on when it calls exec, like <c>perf stat</c>: the counters are
/// opened disabled on the calling thread with <c>inherit</c> and <c>enable_on_exec</c>; the forked child
/// inherits them, they enable at its exec, and its counts (and its children's) fold into the group when it
/// exits. Like <c>perf stat</c>, each event is its own group, so the kernel multiplexes hardware events
/// independently (the readings carry their running share). Owns the process object and the counters.
/// </summary>
public sealed class CountedProcess : IDisposable
{
    private readonly List<PerfCounterGroup> _groups;

    private CountedProcess(Process process, IReadOnlyList<IPerfEvent> events, List<PerfCounterGroup> groups)
    {
        Process = process;
        Events = events;
        _groups = groups;
    }

    /// <summary>The started process.</summary>
    public Process Process { get; }

    /// <summary>The counted events.</summary>
    public IReadOnlyList<IPerfEvent> Events { get; }

    /// <summary>Starts <paramref name="startInfo"/> with <paramref name="events"/> counted from its exec.</summary>
    /// <param name="startInfo">The command (UseShellExecute must be false).</param>
    /// <param name="events">The events to count.</param>
    /// <param name="builder">Extra settings (exclusions); pid, disabled, inherit and enable_on_exec are set here.</param>
    /// <returns>The counted process; the caller owns and disposes it.</returns>
    /// <exception cref="PerfEventException">A counter did not open.</exception>
    /// <exception cref="CnnPerfException">The command did not start.</exception>
    public static CountedProcess Start(ProcessStartInfo startInfo, IReadOnlyList<IPerfEvent> events, PerfEventBuilder? builder = null)
    {
        // The counters follow the thread that forks, so open them and start the process on this thread.
        var settings = (builder ?? new PerfEventBuilder()) with { Pid = 0, Cpu = -1, Disabled = true, Inherit = true, EnableOnExec = true };
        var groups = new List<PerfCounterGroup>(events.Count);
        try
        {
            foreach (var perfEvent in events)
            {
                groups.Add(settings.OpenGroup([perfEvent]));
            }
            var process = Process.Start(startInfo) ?? throw new CnnPerfException($"could not start '{startInfo.FileName}'");
            return new CountedProcess(process, [.. events], groups);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            groups.ForEach(group => group.Dispose());
            throw new CnnPerfException($"could not start '{startInfo.FileName}': {e.Message}", e);
        }
        catch
        {
            groups.ForEach(group => group.Dispose());
            throw;
        }
    }

    /// <summary>Waits for the command to exit and returns its counts (including its children's).</summary>
    public async Task<GroupReading> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await Process.WaitForExitAsync(cancellationToken);
        return Read();
    }

    /// <summary>Reads the counts so far (a running child's counts fold in only when it exits).</summary>
    public GroupReading Read() => new(Events, [.. _groups.Select(group => group.Read().Values[0])]);

    /// <summary>Closes the counters and releases the process object (it does not kill the process).</summary>
    public void Dispose()
    {
        _groups.ForEach(group => group.Dispose());
        Process.Dispose();
    }
}
