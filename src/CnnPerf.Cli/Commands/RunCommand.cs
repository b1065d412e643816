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
            var backendInstance = BackendCatalog.Get(parseResult.GetValue(backend)!);
            var builder = RunConfiguration.For(new ModelZoo().Resolve(parseResult.GetValue(model)!), backendInstance.Name)
                .WithThreads(parseResult.GetValue(threads));
            var configuration = Build(measurement.Apply(parseResult, builder, MeasurementPolicy.ForIterations(100), WarmupPolicy.UntilStable()));
            using var monitor = power.CreateMonitor(parseResult);
            using var signals = new SignalCancellation();
            var simulation = counters.CreateMonitor(parseResult, new SimulationOptions(CacheGeometry.Host), signals.Token);
            IConfigurationExecutor executor = parseResult.GetValue(inProcess)
                ? new InProcessExecutor(BackendCatalog.All(), new MeasurementRunner(() => new PerfCounterSource()))
                : new WorkerProcessExecutor(WorkerCommandLine.Options(TimeSpan.FromMinutes(10)));
            monitor?.Start(configuration);
            var result = executor.Execute(configuration, signals.Token);
            result = monitor?.Complete(result) ?? result;
            result = simulation?.Complete(result) ?? result;
            foreach (var reason in result.Counters.Where(c => c.Kind == SimulatedCounterMonitor.CounterKind && !c.Available).Select(c => c.Reason).Distinct())
            {
                Console.Error.WriteLine($"warning: no simulated counters: {reason}");
            }
            if (parseResult.GetValue(store) is { } storePath)
            {
                using var results = ResultStore.Open(storePath);
                results.Save(results.BeginRun(MachineContextProbe.Capture(BackendCatalog.All())), result);
            }
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(RunReport.From(result));
            }
            else
            {
                Print(result);
            }
            if (result.Failure is { } failure)
            {
                throw new CnnPerfException($"{configuration.Label} failed ({failure.Kind}): {failure.Message}");
            }
            return CliApplication.Success;
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
