using System.Globalization;
using CnnPerf.Metrics;
using CnnPerf.Running;
using CnnPerf.Simulation;
using CnnPerf.Store;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CnnPerf.Cli;

/// <summary>
/// Shows a study while it runs: a progress line and a live results table on an interactive terminal, plain
/// progress lines otherwise (pipes, CI, <c>--json</c>, where they go to stderr).
/// </summary>
internal static class StudyDisplay
{
    private const int BarWidth = 30;

    public static StudyOutcome Run(StudyRunner runner, IReadOnlyList<RunConfiguration> configurations, ResultStore store, MachineContext machine,
        SimulatedCounterMonitor? simulation, bool interactive, CancellationToken stop, CancellationToken kill)
    {
        if (!interactive || !AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            var writer = interactive ? Console.Out : Console.Error;
            runner.Progress += p => writer.WriteLine(PlainLine(p));
            if (simulation is not null)
            {
                simulation.Simulating += c => writer.WriteLine($"{c.Label}: simulating under valgrind ({simulation.Spent.TotalSeconds:0} s of simulation so far)");
            }
            return runner.Run(configurations, store, machine, stop, kill);
        }
        var table = new Table().AddColumns("model", "backend", "threads", "status", "p50 ms", "fps", "cores", "peak RSS MB");
        StudyOutcome? outcome = null;
        AnsiConsole.Live(Compose("starting", 0, configurations.Count, table)).Start(context =>
        {
            runner.Progress += p =>
            {
                if (p.Result is { } r)
                {
                    table.AddRow(Cells(r));
                }
                var label = p.Result is null ? $"measuring {p.Configuration.Label}" : $"finished {p.Configuration.Label}";
                context.UpdateTarget(Compose($"[{p.Index + 1}/{p.Total}] {label}", p.Index + (p.Result is null ? 0 : 1), p.Total, table));
            };
            if (simulation is not null)
            {
                simulation.Simulating += c => context.UpdateTarget(Compose($"simulating {c.Label} under valgrind", table.Rows.Count, configurations.Count, table));
            }
            outcome = runner.Run(configurations, store, machine, stop, kill);
        });
        return outcome!;
    }

    private static IRenderable Compose(string status, int finished, int total, Table table) =>
        new Rows(new Markup($"{Bar(finished, total)} [bold]{Markup.Escape(status)}[/]"), table);

    /// <summary>A progress bar of <see cref="BarWidth"/> cells with the share done, for example <c>━━━━━━━━── 40%</c>.</summary>
    private static string Bar(int finished, int total)
    {
        var share = total == 0 ? 1 : (double)finished / total;
        var done = (int)Math.Round(share * BarWidth);
        return $"[green]{new string('━', done)}[/][grey]{new string('━', BarWidth - done)}[/] {(share * 100).ToString("F0", CultureInfo.InvariantCulture),3}%";
    }

    private static string[] Cells(RunResult r) =>
    [
        r.Configuration.Model.Name, r.Configuration.Backend, r.Configuration.Threads.ToString(CultureInfo.InvariantCulture),
        Markup.Escape(r.Failure is null ? r.Status.ToString().ToLowerInvariant() : $"{r.Status.ToString().ToLowerInvariant()}: {r.Failure.Message}"),
        Format(r.ValueOf(MetricIds.LatencyP50), "0.00"), Format(r.ValueOf(MetricIds.ThroughputFps), "0.0"),
        Format(r.ValueOf(MetricIds.CpuUtilizationCores), "0.00"), Format(r.ValueOf(MetricIds.MemPeakRss) / 1048576, "0"),
    ];

    private static string PlainLine(StudyProgress p)
    {
        var head = $"[{p.Index + 1}/{p.Total}] {p.Configuration.Label}";
        if (p.Result is not { } r)
        {
            return head + ": measuring";
        }
        return r.Status == RunStatus.Interrupted
            ? $"{head}: interrupted, {r.Samples.Count} measured inference(s) kept{(r.Failure is { } why ? $" ({why.Message})" : "")}"
            : r.Failure is { } f
            ? $"{head}: failed ({f.Kind}): {f.Message}"
            : $"{head}: {r.Status.ToString().ToLowerInvariant()}, p50 {Format(r.ValueOf(MetricIds.LatencyP50), "0.00")} ms, "
              + $"{Format(r.ValueOf(MetricIds.ThroughputFps), "0.0")} fps, {Format(r.ValueOf(MetricIds.CpuUtilizationCores), "0.00")} cores"
              + (r.PowerIncomplete ? $"; {r.PowerStatus}" : "");
    }

    private static string Format(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
