using System.Globalization;
using System.Text.Json;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Power;
using CnnPerf.Running;
using Microsoft.Data.Sqlite;

namespace CnnPerf.Store;

/// <summary>Reads the store's tables back into records.</summary>
internal static class StoreReader
{
    public static IReadOnlyList<StoredRun> Runs(SqliteConnection connection) =>
        Query(connection, """
            SELECT id, started_utc, hostname, cpu_model, cpu_flags, logical_cores, governor, frequency_mhz, max_frequency_mhz,
                   kernel, os, dotnet_version, tool_version, backend_versions_json, temperatures_json FROM runs ORDER BY id
            """, null, r => new StoredRun(r.GetInt64(0), DateTime.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            new MachineContext(r.GetString(2), NullableString(r, 3), r.GetString(4), r.GetInt32(5), NullableString(r, 6), NullableDouble(r, 7),
                NullableDouble(r, 8), r.GetString(9), r.GetString(10), r.GetString(11), r.GetString(12),
                JsonSerializer.Deserialize<Dictionary<string, string?>>(r.GetString(13))!,
                JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(14))!)));

    public static IReadOnlyList<StoredConfiguration> Configurations(SqliteConnection connection, long? runId)
    {
        var metrics = new Dictionary<long, List<MetricValue>>();
        foreach (var (id, metric) in Query(connection, "SELECT configuration_id, metric_id, value, unit, provenance, running_share FROM metrics ORDER BY rowid", null,
                     r => (r.GetInt64(0), new MetricValue(r.GetString(1), NullableDouble(r, 2) ?? double.NaN, r.GetString(3),
                         ResultStore.Parse<Provenance>(r.GetString(4)), NullableDouble(r, 5)))))
        {
            (metrics.TryGetValue(id, out var list) ? list : metrics[id] = []).Add(metric);
        }
        var failures = Query(connection, "SELECT configuration_id, kind, message, exit_code, signal, stderr_tail FROM failures", null,
                r => (r.GetInt64(0), new RunFailure(ResultStore.Parse<FailureKind>(r.GetString(1)), r.GetString(2), NullableInt(r, 3), NullableInt(r, 4), NullableString(r, 5))))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var filter = runId is null ? "" : " WHERE run_id = $run";
        // Stores of schema version 1, read without migrating them, have no power status.
        var powerStatus = Convert.ToInt32(StoreSchema.Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture) >= 2 ? "power_status" : "NULL";
        return Query(connection, $"SELECT id, run_id, model, backend, backend_version, threads, batch, status, model_path, {powerStatus} FROM configurations" + filter + " ORDER BY id",
            runId, r =>
            {
                var id = r.GetInt64(0);
                return new StoredConfiguration(id, r.GetInt64(1), r.GetString(2), r.GetString(3), NullableString(r, 4), r.GetInt32(5), r.GetInt32(6),
                    ResultStore.Parse<RunStatus>(r.GetString(7)), metrics.GetValueOrDefault(id) ?? [], failures.GetValueOrDefault(id))
                {
                    ModelPath = r.GetString(8),
                    PowerStatus = NullableString(r, 9),
                };
            });
    }

    public static IReadOnlyList<InferenceSample> Samples(SqliteConnection connection, long configurationId)
    {
        var counters = new Dictionary<int, Dictionary<string, double>>();
        foreach (var (iteration, id, value) in Query(connection, "SELECT iteration, metric_id, value FROM sample_counters WHERE configuration_id = $run",
                     configurationId, r => (r.GetInt32(0), r.GetString(1), r.GetDouble(2))))
        {
            (counters.TryGetValue(iteration, out var map) ? map : counters[iteration] = new(StringComparer.Ordinal))[id] = value;
        }
        return Query(connection, "SELECT iteration, start_ns, latency_ms FROM samples WHERE configuration_id = $run ORDER BY iteration", configurationId,
            r => new InferenceSample(r.GetInt32(0), r.GetInt64(1), r.GetDouble(2),
                (IReadOnlyDictionary<string, double>?)counters.GetValueOrDefault(r.GetInt32(0)) ?? new Dictionary<string, double>()));
    }

    public static IReadOnlyList<StoredLayerTiming> LayerTimings(SqliteConnection connection) =>
        Query(connection, "SELECT configuration_id, model, backend, threads, node, op_type, mean_ms FROM layer_timings ORDER BY configuration_id, position", null,
            r => new StoredLayerTiming(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetDouble(6)));

    public static IReadOnlyList<CounterStatus> CounterStatuses(SqliteConnection connection, long? runId) =>
        Query(connection, """
            SELECT DISTINCT s.metric_id, s.event_name, s.kind, s.available, s.errno, s.reason FROM counter_status s
            JOIN configurations c ON c.id = s.configuration_id
            """ + (runId is null ? "" : " WHERE c.run_id = $run") + " ORDER BY s.metric_id, s.event_name", runId,
            r => new CounterStatus(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3) != 0, NullableString(r, 4), NullableString(r, 5)));

    public static IReadOnlyList<PowerSample> PowerSamples(SqliteConnection connection, long configurationId) =>
        Query(connection, "SELECT monotonic_s, watts, joules FROM power_samples WHERE configuration_id = $run ORDER BY monotonic_s", configurationId,
            r => new PowerSample(r.GetDouble(0), r.GetDouble(1), NullableDouble(r, 2)));

    private static List<T> Query<T>(SqliteConnection connection, string sql, long? id, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$run", id.Value);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static int? NullableInt(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
}
