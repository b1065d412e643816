using System.CommandLine;
using CnnPerf.Features;
using CnnPerf.Modeling;
using CnnPerf.Models;
using CnnPerf.Reports;
using CnnPerf.Running;
using CnnPerf.Simulation;
using CnnPerf.Store;
using CnnPerf.Studies;

namespace CnnPerf.Cli.Commands;

/// <summary>
/// <c>cnnperf study</c>: the model zoo x available backends x thread counts, each configuration in a fresh
/// worker process with per-layer timings, written to a results store and CSV files in the output folder, then
/// analysed into report.html and report.md there.
/// </summary>
internal static class StudyCommand
{
    /// <summary>The store's file name in the output folder.</summary>
    public const string StoreFileName = "results.db";

    /// <summary>The output folder when <c>--out</c> is not given, relative to the working directory.</summary>
    public const string DefaultFolder = "cnnperf-results";

    /// <summary>Profiled inferences per configuration for the per-layer timings of the layer-wise model.</summary>
    private const int LayerRuns = 10;

    /// <summary>Profiled inferences per configuration with <c>--quick</c>.</summary>
    private const int QuickLayerRuns = 3;

    /// <summary>The time all simulations of a <c>--quick</c> study may take together.</summary>
    private static readonly TimeSpan QuickSimulationBudget = TimeSpan.FromMinutes(8);

    internal static Command Create()
    {
        var models = ListOption.Create("--models", "Zoo model names or ONNX files (default: the whole zoo)");
        var backends = ListOption.Create("--backends", "Backend names (default: every available backend)");
        var threads = ListOption.Create("--threads", "Thread counts, for example 1,2 (default: 1 and all cores)");
        var output = new Option<string>("--out") { Description = "Output folder for the store and CSV files", DefaultValueFactory = _ => DefaultFolder };
        var quick = new Option<bool>("--quick") { Description = "One warm-up inference and 0.5 s per configuration (minutes for the whole zoo)" };
        var measurement = new MeasurementOptions();
        var power = new PowerOption();
        var counters = new CounterOptions();
        var command = new Command("study", "Measure the model zoo on every available backend at several thread counts");
        foreach (var option in new Option[] { models, backends, threads, output, quick, power.Option })
        {
            command.Options.Add(option);
        }
        measurement.AddTo(command);
        counters.AddTo(command);
        command.SetWork(parseResult =>
        {
            using var signals = StopSignals.Start();
            var isQuick = parseResult.GetValue(quick);
            var backendList = SelectBackends(parseResult.Items(backends));
            var zoo = new ModelZoo();
            var modelNames = parseResult.Items(models) ?? [.. ModelZoo.Models.Select(m => m.Name)];
            var threadCounts = ThreadCounts.Parse(parseResult, threads) ?? [.. new[] { 1, Environment.ProcessorCount }.Distinct()];
            var (warmup, policy) = isQuick
                ? (WarmupPolicy.Fixed(1), MeasurementPolicy.ForDuration(TimeSpan.FromSeconds(0.5)))
                : (WarmupPolicy.UntilStable(maxIterations: 30, timeCap: TimeSpan.FromSeconds(5)), MeasurementPolicy.Adaptive(0.01, TimeSpan.FromSeconds(6)));
            IReadOnlyList<RunConfiguration> configurations = (
                from name in modelNames
                from backend in backendList
                from count in threadCounts
                select RunCommand.Build(measurement.Apply(parseResult, RunConfiguration.For(zoo.Resolve(name), backend.Name).WithThreads(count), policy, warmup,
                    isQuick ? QuickLayerRuns : LayerRuns))
            ).ToList();

            var folder = Path.GetFullPath(parseResult.GetValue(output)!);
            Directory.CreateDirectory(folder);
            using var store = ResultStore.Open(Path.Combine(folder, StoreFileName));
            var executor = WorkerCommandLine.Executor(parseResult, isQuick ? TimeSpan.FromSeconds(90) : TimeSpan.FromMinutes(5));
            using var monitor = power.CreateMonitor(parseResult);
            var simulationDefaults = new SimulationOptions(CacheGeometry.Host)
            {
                Inferences = isQuick ? 1 : 2,
                Timeout = isQuick ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(10),
                Budget = isQuick ? QuickSimulationBudget : null,
            };
            var simulation = counters.CreateMonitor(parseResult, simulationDefaults, signals.Stopping);
            if (simulation is not null)
            {
                configurations = SmallestNetworkFirst(configurations);
            }
            var runner = new StudyRunner(executor, [.. new IConfigurationMonitor?[] { monitor, simulation }.OfType<IConfigurationMonitor>()]);
            var json = parseResult.GetValue(GlobalOptions.Json);
            var outcome = StudyDisplay.Run(runner, configurations, store, MachineContextProbe.Capture(BackendCatalog.All()), simulation, interactive: !json,
                signals.Stopping, signals.Killing);

            UnsavedReport.Write(outcome.Unsaved);
            var wide = Path.Combine(folder, "configurations.csv");
            var longForm = Path.Combine(folder, "metrics.csv");
            StoreExporter.WriteFile(store, wide, ExportFormat.Csv, ExportShape.Wide);
            StoreExporter.WriteFile(store, longForm, ExportFormat.Csv, ExportShape.Long);
            var summary = Summary(outcome, configurations.Count);
            var stoppedAtOnce = signals.Killing.IsCancellationRequested;
            ReportFiles? files = null;
            StudyAnalysisResult? analysis = null;
            if (!stoppedAtOnce)
            {
                (json ? Console.Error : Console.Out).WriteLine($"Analysing {store.Path} and writing the report...");
                (files, analysis) = StudyReport.Write(StoredStudy.Load(store, zoo), folder);
            }
            if (json)
            {
                JsonOutput.Write(new
                {
                    Store = store.Path, Configurations = wide, Metrics = longForm, Report = files is null ? null : new { Html = files.HtmlPath, Markdown = files.MarkdownPath },
                    RunId = outcome.RunId, outcome.Interrupted, Results = outcome.Results.Select(RunReport.From),
                });
            }
            else
            {
                Console.WriteLine(summary);
                Console.WriteLine($"Results: {store.Path}");
                Console.WriteLine($"         {wide}");
                Console.WriteLine($"         {longForm}");
                if (analysis is not null && files is not null)
                {
                    AnalyzeCommand.PrintSummary(analysis, files);
                }
            }
            if (stoppedAtOnce)
            {
                return parseResult.Failed($"stopped at once: the report was not written ('cnnperf analyze --store {store.Path}' writes it)");
            }
            if (outcome.Interrupted)
            {
                return parseResult.Failed(summary);
            }
            if (outcome.Unsaved.Count > 0)
            {
                return parseResult.Failed($"{outcome.Unsaved.Count} result(s) could not be saved in {store.Path}: see the warnings above");
            }
            return outcome.Results.Count > 0 && outcome.Results.All(r => r.Status == RunStatus.Failed)
                ? parseResult.Failed($"every configuration failed ({outcome.Results.Count}): see {wide}")
                : CliApplication.Success;
        });
        return command;
    }

    /// <summary>
    /// <c>3 of 4 configurations measured (1 failed).</c>, with the interrupted configuration and how many inferences it
    /// kept when the study was stopped.
    /// </summary>
    private static string Summary(StudyOutcome outcome, int total)
    {
        var ended = outcome.Results.Where(r => r.Status != RunStatus.Interrupted).ToList();
        var text = $"{ended.Count} of {total} configurations measured ({ended.Count(r => r.Status == RunStatus.Failed)} failed)";
        if (outcome.Results.FirstOrDefault(r => r.Status == RunStatus.Interrupted) is { } interrupted)
        {
            text += $", interrupted: {interrupted.Configuration.Label} kept as interrupted with {interrupted.Samples.Count} measured inference(s)";
        }
        else if (outcome.Interrupted)
        {
            text += ", interrupted";
        }
        return text + ".";
    }

    /// <summary>
    /// The configurations ordered by their network's multiply-accumulates (stable otherwise), so that a simulation
    /// budget covers as many configurations as it can.
    /// </summary>
    private static IReadOnlyList<RunConfiguration> SmallestNetworkFirst(IReadOnlyList<RunConfiguration> configurations)
    {
        var macs = configurations.Select(c => c.Model).DistinctBy(m => m.Path)
            .ToDictionary(m => m.Path, m => ModelFeatureExtractor.Extract(m).Macs);
        return [.. configurations.OrderBy(c => macs[c.Model.Path])];
    }

    private static IReadOnlyList<Backends.IInferenceBackend> SelectBackends(string[]? names)
    {
        if (names is { Length: > 0 })
        {
            return [.. names.Select(BackendCatalog.Get)];
        }
        var available = BackendCatalog.All().Where(b => b.Availability.IsAvailable).ToList();
        return available.Count > 0 ? available : throw new CnnPerfException("no backend is available here: see 'cnnperf backends'");
    }
}
