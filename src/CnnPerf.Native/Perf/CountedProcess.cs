using System.Diagnostics;

namespace CnnPerf.Native.Perf;

/// <summary>
/// A command started with counters that turn on when it calls exec, like <c>perf stat</c>: the counters are
/// opened disabled on the calling thread with <c>inherit</c> and <c>enable_on_exec</c>; the forked child
/// inherits them, they enable at its exec, and its counts (and its children's) fold into the group when it
/// exits. Owns the process object and the group.
/// </summary>
public sealed class CountedProcess : IDisposable
{
    private readonly PerfCounterGroup _group;

    private CountedProcess(Process process, PerfCounterGroup group)
    {
        Process = process;
        _group = group;
    }

    /// <summary>The started process.</summary>
    public Process Process { get; }

    /// <summary>The counted events.</summary>
    public IReadOnlyList<IPerfEvent> Events => _group.Events;

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
        var group = settings.OpenGroup(events);
        try
        {
            var process = Process.Start(startInfo) ?? throw new CnnPerfException($"could not start '{startInfo.FileName}'");
            return new CountedProcess(process, group);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            group.Dispose();
            throw new CnnPerfException($"could not start '{startInfo.FileName}': {e.Message}", e);
        }
        catch
        {
            group.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the command to exit and returns its counts (including its children's).</summary>
    public async Task<GroupReading> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await Process.WaitForExitAsync(cancellationToken);
        return _group.Read();
    }

    /// <summary>Reads the counts so far (a running child's counts fold in only when it exits).</summary>
    public GroupReading Read() => _group.Read();

    /// <summary>Closes the counters and releases the process object (it does not kill the process).</summary>
    public void Dispose()
    {
        _group.Dispose();
        Process.Dispose();
    }
}
