using System.CommandLine;
using CnnPerf.Counters;
using CnnPerf.Running;
using CnnPerf.Simulation;

namespace CnnPerf.Cli.Commands;

/// <summary>
/// <c>cnnperf worker --config FILE --result FILE</c> (hidden): measures one configuration in this fresh process
/// and writes its result as JSON. Announces phases on stderr for the host. SIGINT or SIGTERM stop it after the
/// current inference with an interrupted result; it exits, removing its folder, when its host ends.
/// </summary>
internal static class WorkerCommand
{
    internal static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "Configuration JSON to run", Required = true };
        var result = new Option<FileInfo>("--result") { Description = "Where to write the result JSON", Required = true };
        var command = new Command("worker", "Measure one configuration in this process (used by run and study)") { Hidden = true };
        command.Options.Add(config);
        command.Options.Add(result);
        command.SetWork(parseResult =>
        {
            using var signals = new SignalStop(isWorker: true);
            var configPath = parseResult.GetValue(config)!.FullName;
            WorkerHostLink.ExitWhenHostEnds(Path.GetDirectoryName(configPath)!);
            var configuration = RunJson.DeserializeConfiguration(File.ReadAllText(configPath));
            var resultPath = parseResult.GetValue(result)!.FullName;
            var runner = new MeasurementRunner(CallgrindPhaseCounterSource.IsRequested ? () => new CallgrindPhaseCounterSource() : () => new PerfCounterSource());
            runner.PhaseStarted += phase => Console.Error.WriteLine(WorkerProcessExecutor.PhasePrefix + phase);
            RunResult outcome;
            try
            {
                var backend = BackendCatalog.All().FirstOrDefault(b => b.Name == configuration.Backend);
                outcome = backend is null
                    ? RunResult.Failed(configuration, new RunFailure(FailureKind.Invalid, $"unknown backend '{configuration.Backend}'"))
                    : runner.Run(configuration, backend, signals.Stopping);
            }
            catch (OutOfMemoryException e)
            {
                outcome = RunResult.Failed(configuration, new RunFailure(FailureKind.OutOfMemory, $"out of memory: {e.Message}"));
            }
            File.WriteAllText(resultPath + ".partial", RunJson.Serialize(outcome));
            File.Move(resultPath + ".partial", resultPath, overwrite: true);
            return outcome.Status == RunStatus.Failed ? CliApplication.WorkFailed : CliApplication.Success;
        });
        return command;
    }
}
