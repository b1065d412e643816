using System.Text.Json;
using CnnPerf.Running;
using Microsoft.Data.Sqlite;

namespace CnnPerf.Store;

/// <summary>Writes a run's row and one configuration's rows inside the caller's transaction.</summary>
internal static class StoreWriter
{
    /// <summary>Inserts the row of a run and returns its id.</summary>
    public static long WriteRun(SqliteConnection connection, SqliteTransaction transaction, MachineContext machine)
    {
        using var runs = new RowInserter(connection, transaction, "runs", true, "started_utc", "hostname", "cpu_model", "cpu_flags",
            "logical_cores", "governor", "frequency_mhz", "max_frequency_mhz", "kernel", "os", "dotnet_version", "tool_version",
            "backend_versions_json", "temperatures_json");
        return runs.Insert(DateTime.UtcNow.ToString("O"), machine.Hostname, machine.CpuModel, machine.CpuFlags, machine.LogicalCores,
            machine.Governor, machine.FrequencyMhz, machine.MaxFrequencyMhz, machine.Kernel, machine.OperatingSystem, machine.DotnetVersion,
            machine.ToolVersion, JsonSerializer.Serialize(machine.BackendVersions), JsonSerializer.Serialize(machine.TemperaturesCelsius));
    }

    public static long Write(SqliteConnection connection, SqliteTransaction transaction, long runId, RunResult result)
    {
        var c = result.Configuration;
        long id;
        using (var configurations = new RowInserter(connection, transaction, "configurations", true, "run_id", "model", "model_path",
                   "backend", "backend_version", "threads", "batch", "input_seed", "settings_json", "measurement", "pin_cpus", "status",
                   "load_start_ns", "load_end_ns", "measured_start_ns", "measured_end_ns", "finished_utc", "power_status"))
        {
            id = configurations.Insert(runId, c.Model.Name, c.Model.Path, c.Backend, result.BackendVersion, c.Threads, c.Batch, c.InputSeed,
                JsonSerializer.Serialize(c.Options.Settings), c.Measurement.ToString(), string.Join(",", c.PinCpus), ResultStore.Name(result.Status),
                result.Phases.LoadStartNs, result.Phases.LoadEndNs, result.Phases.MeasuredStartNs, result.Phases.MeasuredEndNs,
                DateTime.UtcNow.ToString("O"), result.PowerStatus);
        }
        using (var metrics = new RowInserter(connection, transaction, "metrics", "configuration_id", "metric_id", "value", "unit", "provenance", "running_share"))
        {
            foreach (var m in result.Metrics)
            {
                metrics.Insert(id, m.Id, m.Value, m.Unit, ResultStore.Name(m.Provenance), m.RunningShare);
            }
        }
        using (var samples = new RowInserter(connection, transaction, "samples", "configuration_id", "iteration", "start_ns", "latency_ms"))
        using (var counters = new RowInserter(connection, transaction, "sample_counters", "configuration_id", "iteration", "metric_id", "value"))
        {
            foreach (var s in result.Samples)
            {
                samples.Insert(id, s.Index, s.StartNs, s.LatencyMs);
                foreach (var (metricId, value) in s.Counters)
                {
                    counters.Insert(id, s.Index, metricId, value);
                }
            }
        }
        using (var layers = new RowInserter(connection, transaction, "layer_timings", "configuration_id", "position", "model", "backend", "threads", "node", "op_type", "mean_ms"))
        {
            for (var i = 0; i < result.Layers.Count; i++)
            {
                var l = result.Layers[i];
                layers.Insert(id, i, c.Model.Name, c.Backend, c.Threads, l.NodeName, l.OpType, l.MeanMilliseconds);
            }
        }
        using (var powerRows = new RowInserter(connection, transaction, "power_samples", "configuration_id", "monotonic_s", "watts", "joules"))
        {
            foreach (var p in result.Power)
            {
                powerRows.Insert(id, p.Seconds, p.Watts, p.Joules);
            }
        }
        using (var status = new RowInserter(connection, transaction, "counter_status", "configuration_id", "metric_id", "event_name", "kind", "available", "errno", "reason"))
        {
            foreach (var s in result.Counters)
            {
                status.Insert(id, s.MetricId, s.EventName, s.Kind, s.Available ? 1 : 0, s.Errno, s.Reason);
            }
        }
        if (result.Failure is { } f)
        {
            using var failures = new RowInserter(connection, transaction, "failures", "configuration_id", "kind", "message", "exit_code", "signal", "stderr_tail");
            failures.Insert(id, ResultStore.Name(f.Kind), f.Message, f.ExitCode, f.Signal, f.StderrTail);
        }
        return id;
    }
}
