using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CnnPerf.Store;

/// <summary>
/// The store's tables and their versions. A store is an SQLite file whose <c>schema_info</c> row names the application
/// (<c>cnnperf</c>) and the schema version, which <c>PRAGMA user_version</c> repeats. A store of an older version is
/// migrated, one version at a time, when it is opened for writing.
/// </summary>
internal static class StoreSchema
{
    /// <summary>The schema version this code writes.</summary>
    public const int Version = 2;

    private const string Application = "cnnperf";

    private const string Tables = """
        CREATE TABLE schema_info (version INTEGER NOT NULL, application TEXT NOT NULL);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY, started_utc TEXT NOT NULL, hostname TEXT NOT NULL, cpu_model TEXT, cpu_flags TEXT NOT NULL,
            logical_cores INTEGER NOT NULL, governor TEXT, frequency_mhz REAL, max_frequency_mhz REAL, kernel TEXT NOT NULL,
            os TEXT NOT NULL, dotnet_version TEXT NOT NULL, tool_version TEXT NOT NULL, backend_versions_json TEXT NOT NULL,
            temperatures_json TEXT NOT NULL);
        CREATE TABLE configurations (
            id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), model TEXT NOT NULL, model_path TEXT NOT NULL,
            backend TEXT NOT NULL, backend_version TEXT, threads INTEGER NOT NULL, batch INTEGER NOT NULL, input_seed INTEGER NOT NULL,
            settings_json TEXT NOT NULL, measurement TEXT NOT NULL, pin_cpus TEXT NOT NULL, status TEXT NOT NULL,
            load_start_ns INTEGER NOT NULL, load_end_ns INTEGER NOT NULL, measured_start_ns INTEGER NOT NULL,
            measured_end_ns INTEGER NOT NULL, finished_utc TEXT NOT NULL, power_status TEXT);
        CREATE TABLE metrics (
            configuration_id INTEGER NOT NULL REFERENCES configurations(id), metric_id TEXT NOT NULL, value REAL,
            unit TEXT NOT NULL, provenance TEXT NOT NULL, running_share REAL, PRIMARY KEY (configuration_id, metric_id));
        CREATE TABLE samples (
            configuration_id INTEGER NOT NULL REFERENCES configurations(id), iteration INTEGER NOT NULL,
            start_ns INTEGER NOT NULL, latency_ms REAL NOT NULL, PRIMARY KEY (configuration_id, iteration));
        CREATE TABLE sample_counters (
            configuration_id INTEGER NOT NULL REFERENCES configurations(id), iteration INTEGER NOT NULL,
            metric_id TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (configuration_id, iteration, metric_id));
        CREATE TABLE layer_timings (
            configuration_id INTEGER NOT NULL REFERENCES configurations(id), position INTEGER NOT NULL, model TEXT NOT NULL,
            backend TEXT NOT NULL, threads INTEGER NOT NULL, node TEXT NOT NULL, op_type TEXT NOT NULL, mean_ms REAL NOT NULL,
            PRIMARY KEY (configuration_id, position));
        CREATE TABLE power_samples (
            configuration_id INTEGER NOT NULL REFERENCES configurations(id), monotonic_s REAL NOT NULL,
            watts REAL NOT NULL, joules REAL);
        CREATE TABLE counter_status (
            configuration_id INTEGER NOT NULL REFERENCES configurations(id), metric_id TEXT NOT NULL, event_name TEXT NOT NULL,
            kind TEXT NOT NULL, available INTEGER NOT NULL, errno TEXT, reason TEXT);
        CREATE TABLE failures (
            configuration_id INTEGER PRIMARY KEY REFERENCES configurations(id), kind TEXT NOT NULL, message TEXT NOT NULL,
            exit_code INTEGER, signal INTEGER, stderr_tail TEXT);
        """;

    /// <summary>The statements that take a store from version N (the index + 1) to version N + 1.</summary>
    private static readonly string[] Migrations =
    [
        // 1 -> 2: whether the power a meter recorded covers the configuration, and why not.
        "ALTER TABLE configurations ADD COLUMN power_status TEXT;",
    ];

    /// <summary>
    /// For writing: inside one immediate transaction (which takes the write lock, so concurrent openers of a new file
    /// wait for each other), creates the tables in an empty database, migrates an older store, or checks a current one.
    /// </summary>
    /// <exception cref="StoreException">The file is not a CnnPerf store or has a newer schema.</exception>
    /// <exception cref="SqliteException">The file cannot be written (read-only, locked, full).</exception>
    public static void Prepare(SqliteConnection connection, string path)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var version = CheckedVersion(connection, path);
            if (version == 0)
            {
                Execute(connection, Tables);
                Execute(connection, $"INSERT INTO schema_info (version, application) VALUES ({Version}, '{Application}');");
            }
            for (var from = version; version != 0 && from < Version; from++)
            {
                Execute(connection, Migrations[from - 1]);
            }
            Execute(connection, $"UPDATE schema_info SET version = {Version}; PRAGMA user_version = {Version};");
            Execute(connection, "COMMIT");
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    /// <summary>For reading: the store's schema version, after checking that the file is a CnnPerf store this code reads.</summary>
    /// <exception cref="StoreException">The file is empty, not a CnnPerf store, or has a newer schema.</exception>
    public static int Check(SqliteConnection connection, string path)
    {
        var version = CheckedVersion(connection, path);
        return version != 0 ? version : throw new StoreException($"{path} is not a results store: it is empty ('cnnperf study' or 'cnnperf run --store' writes one)");
    }

    /// <summary>The schema version of a CnnPerf store, 0 for an empty database.</summary>
    /// <exception cref="StoreException">Another application's database, or a newer schema.</exception>
    private static int CheckedVersion(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        var tables = Convert.ToInt32(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), CultureInfo.InvariantCulture);
        if (version == 0 && tables == 0)
        {
            return 0;
        }
        var hasInfo = Convert.ToInt32(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_info'"), CultureInfo.InvariantCulture) == 1;
        var (recorded, application) = hasInfo ? Info(connection) : (0, null);
        if (application != Application)
        {
            throw new StoreException($"{path} is an SQLite database but not a CnnPerf results store (it has no schema_info row of {Application})");
        }
        if (Math.Max(recorded, version) > Version)
        {
            throw new StoreException($"{path} has store schema version {Math.Max(recorded, version)}; this CnnPerf reads up to version {Version}: update cnnperf");
        }
        if (recorded != version || version < 1)
        {
            throw new StoreException($"{path} is a damaged results store: schema_info says version {recorded}, user_version {version}");
        }
        return version;
    }

    private static (int Version, string? Application) Info(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, application FROM schema_info";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return (0, null);
        }
        var row = (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        return reader.Read() ? (0, null) : row;
    }

    /// <summary>Runs a statement with no result.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query with one value.</summary>
    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
