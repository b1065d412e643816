using System.CommandLine;
using System.Globalization;
using CnnPerf.Counters;
using CnnPerf.Models;
using CnnPerf.Running;
using CnnPerf.Simulation;
using CnnPerf.Store;
using Spectre.Console;

namespace CnnPerf.Cli.Commands;

/// <summary><c>cnnperf run</c>: measures one configuration (in a fresh worker process unless <c>--in-process</c>).</summary>
internal static class RunCommand
{
    internal static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Zoo model name or ONNX file", Required = true };
        var backend = new Option<string>("--backend") { Description = "Backend name (see 'cnnperf backends')", Required = true };
        var threads = new Option<int>("--threads") { Description = "Threads for one inference", DefaultValueFactory = _ => 1 };
        var inProcess = new Option<bool>("--in-process") { Description = "Measure in this process instead of a fresh worker" };
        var store = new Option<string?>("--store") { Description = "Append the result to this results store (SQLite)" };
        var measurement = new MeasurementOptions();
        var power = new PowerOption();
        var counters = new CounterOptions();
        var command = new Command("run", "Measure one model on one backend");
        foreach (var option in new Option[] { model, backend, threads, inProcess, store, power.Option })
        {
            command.Options.Add(option);
        }
        measurement.AddTo(command);
        counters.AddTo(command);
        command.SetWork(parseResult =>
        {
            using var signals = StopSignals.Start();
            var backendInstance = BackendCatalog.Get(parseResult.GetValue(backend)!);
            var builder = RunConfiguration.For(new ModelZoo().Resolve(parseResult.GetValue(model)!), backendInstance.Name)
                .WithThreads(ThreadCounts.Check(threads, parseResult.GetValue(threads)));
            var configuration = Build(measurement.Apply(parseResult, builder, MeasurementPolicy.ForIterations(100), WarmupPolicy.UntilStable()));
            using var results = parseResult.GetValue(store) is { } storePath ? ResultStore.Open(storePath) : null;
            using var monitor = power.CreateMonitor(parseResult);
            var simulation = counters.CreateMonitor(parseResult, new SimulationOptions(CacheGeometry.Host), signals.Stopping);
            IConfigurationExecutor executor = parseResult.GetValue(inProcess)
                ? new InProcessExecutor(BackendCatalog.All(), new MeasurementRunner(() => new PerfCounterSource()))
                : WorkerCommandLine.Executor(parseResult, TimeSpan.FromMinutes(10));
            var runner = new StudyRunner(executor, [.. new IConfigurationMonitor?[] { monitor, simulation }.OfType<IConfigurationMonitor>()]);
            var machine = results is null ? null : MachineContextProbe.Capture(BackendCatalog.All());
            var outcome = runner.Run([configuration], results, machine, signals.Stopping, signals.Killing);
            // A result the store refused is shown as measured (the store holds it as failed, with the reason).
            var unsaved = outcome.Unsaved.SingleOrDefault();
            var result = unsaved?.Result ?? outcome.Results.SingleOrDefault() ?? RunResult.Stopped(configuration, "stopped before it started");
            foreach (var reason in result.Counters.Where(c => c.Kind == SimulatedCounterMonitor.CounterKind && !c.Available).Select(c => c.Reason).Distinct())
            {
                Console.Error.WriteLine($"warning: no simulated counters: {reason}");
            }
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(RunReport.From(result));
            }
            else
            {
                Print(result);
            }
            if (result.PowerIncomplete)
            {
                Console.Error.WriteLine($"warning: {configuration.Label}: {result.PowerStatus}");
            }
            if (unsaved is not null)
            {
                return parseResult.Failed(UnsavedReport.Line(unsaved) + (unsaved.File is null ? " (its result is printed above)" : ""));
            }
            return result switch
            {
                { Status: RunStatus.Interrupted } => parseResult.Failed(
                    $"{configuration.Label} interrupted: {result.Samples.Count} measured inference(s) kept{(results is null ? "" : $" in {results.Path}")}"
                    + (result.Failure is { } why ? $" ({why.Message})" : "")),
                { Failure: { } failure } => parseResult.Failed($"{configuration.Label} failed ({failure.Kind}): {failure.Message}"),
                _ => CliApplication.Success,
            };
        });
        return command;
    }

    /// <summary>Builds a configuration, turning validation problems into usage errors.</summary>
    internal static RunConfiguration Build(RunConfigurationBuilder builder)
    {
        try
        {
            return builder.Build();
        }
        catch (ConfigurationException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void Print(RunResult result)
    {
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit").AddColumn("provenance").AddColumn("running");
        foreach (var m in result.Metrics)
        {
            table.AddRow(Markup.Escape(m.Id), m.Value.ToString("G5", CultureInfo.InvariantCulture), Markup.Escape(m.Unit),
                m.Provenance.ToString().ToLowerInvariant(), m.RunningShare is { } share ? share.ToString("P0", CultureInfo.InvariantCulture) : "");
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(result.Configuration.Label)}[/] ({Markup.Escape(result.Configuration.Measurement.ToString())}): {result.Status.ToString().ToLowerInvariant()}");
        if (result.Metrics.Count > 0)
        {
            AnsiConsole.Write(table);
        }
    }
}
