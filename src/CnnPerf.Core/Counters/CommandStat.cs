using System.Diagnostics;
using CnnPerf.Metrics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Counters;

/// <summary>Runs a command with counters enabled from its exec, like <c>perf stat</c>.</summary>
public static class CommandStat
{
    /// <summary>The events counted when none are named: perf stat's software and hardware defaults.</summary>
    public static IReadOnlyList<IPerfEvent> DefaultEvents { get; } =
    [
        SoftwareEvent.TaskClock, SoftwareEvent.ContextSwitches, SoftwareEvent.CpuMigrations, SoftwareEvent.PageFaults,
        HardwareEvent.CpuCycles, HardwareEvent.Instructions, HardwareEvent.BranchInstructions, HardwareEvent.BranchMisses,
    ];

    /// <summary>Starts <paramref name="startInfo"/>, counts <paramref name="events"/> until it exits.</summary>
    /// <param name="startInfo">The command (UseShellExecute false).</param>
    /// <param name="events">The events; those that do not open here are reported in the result.</param>
    /// <param name="cancellationToken">Stops waiting (the command keeps running).</param>
    /// <exception cref="CnnPerfException">The command did not start, or no event could be opened.</exception>
    public static async Task<CommandStatResult> RunAsync(ProcessStartInfo startInfo, IReadOnlyList<IPerfEvent> events, CancellationToken cancellationToken = default)
    {
        var probeSettings = new PerfEventBuilder { Disabled = true, Inherit = true, EnableOnExec = true };
        var probe = PerfEventProbe.Probe(events, probeSettings);
        var available = probe.Where(p => p.Opened).Select(p => p.Event).ToList();
        if (available.Count == 0)
        {
            var first = probe[0];
            throw new CnnPerfException($"no requested event can be counted here: {first.Event.Name}: {first.Errno}: {first.Hint}");
        }
        var started = Stopwatch.GetTimestamp();
        using var counted = CountedProcess.Start(startInfo, available);
        var forward = counted.Process.StartInfo.RedirectStandardOutput
            ? counted.Process.StandardOutput.BaseStream.CopyToAsync(Console.OpenStandardError(), cancellationToken)
            : Task.CompletedTask;
        var reading = await counted.WaitForExitAsync(cancellationToken);
        await forward;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var notCounted = reading.Events.Zip(reading.Values).Where(pair => !pair.Second.IsCounted)
            .Select(pair => new EventAvailability(pair.First, true, null, CounterMetrics.NotCountedReason(pair.Second)));
        return new CommandStatResult(counted.Process.ExitCode, elapsed, ToMetrics(reading), [.. probe.Where(p => !p.Opened), .. notCounted]);
    }

    /// <summary>
    /// Converts a reading to metric values: catalogue ids where the event has one, scaled PMU units otherwise;
    /// none for an event that was not counted.
    /// </summary>
    public static IReadOnlyList<MetricValue> ToMetrics(GroupReading reading)
    {
        var known = new Dictionary<string, CounterValue>(StringComparer.Ordinal);
        var other = new List<MetricValue>();
        for (var i = 0; i < reading.Events.Count; i++)
        {
            var perfEvent = reading.Events[i];
            var value = reading.Values[i];
            if (!value.IsCounted)
            {
                continue;
            }
            if (PerfCounterMapping.MetricIdOf(perfEvent) is { } id)
            {
                known[id] = value;
            }
            else if (perfEvent is PmuEvent { Unit: not null } pmu)
            {
                other.Add(new MetricValue(pmu.Name, value.Scaled * pmu.Scale, pmu.Unit, Provenance.Measured, value.RunningShare));
            }
            else
            {
                var unit = perfEvent == SoftwareEvent.CpuClock ? "ns" : "count";
                other.Add(new MetricValue(perfEvent.Name, value.Scaled, unit, Provenance.Measured, value.RunningShare));
            }
        }
        return [.. CounterMetrics.ToMetricValues(new CounterSnapshot(known)), .. other];
    }
}
