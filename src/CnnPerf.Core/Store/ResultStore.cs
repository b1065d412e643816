using System.Globalization;
using System.Text.Json;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Power;
using CnnPerf.Running;
using Microsoft.Data.Sqlite;

namespace CnnPerf.Store;

/// <summary>
/// The results store: one SQLite file with runs, configurations, metrics, per-inference samples, per-layer
/// timings, power samples, counter availability and failures. Each configuration is written in one transaction,
/// so an interrupted study keeps every finished configuration; opening an existing store appends new runs.
/// </summary>
public sealed class ResultStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private bool _disposed;

    private ResultStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>The schema version of the file.</summary>
    public int SchemaVersion => Convert.ToInt32(StoreSchema.Scalar(Connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);

    /// <summary>The schema version this library writes.</summary>
    public static int CurrentSchemaVersion => StoreSchema.Version;

    /// <summary>Opens a store, creating the file (and its folder) when it does not exist.</summary>
    /// <exception cref="StoreException">The file is not a CnnPerf store, has a newer schema, or cannot be opened.</exception>
    public static ResultStore Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = false }.ToString());
        try
        {
            connection.Open();
            StoreSchema.Execute(connection, "PRAGMA foreign_keys = ON");
            StoreSchema.Ensure(connection, fullPath);
            return new ResultStore(connection, fullPath);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException($"cannot open results store {fullPath}: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Starts a new run on this machine and returns its id.</summary>
    public long BeginRun(MachineContext machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        using var transaction = Connection.BeginTransaction();
        using var runs = new RowInserter(Connection, transaction, "runs", true, "started_utc", "hostname", "cpu_model", "cpu_flags",
            "logical_cores", "governor", "frequency_mhz", "max_frequency_mhz", "kernel", "os", "dotnet_version", "tool_version",
            "backend_versions_json", "temperatures_json");
        var id = runs.Insert(DateTime.UtcNow.ToString("O"), machine.Hostname, machine.CpuModel, machine.CpuFlags, machine.LogicalCores,
            machine.Governor, machine.FrequencyMhz, machine.MaxFrequencyMhz, machine.Kernel, machine.OperatingSystem, machine.DotnetVersion,
            machine.ToolVersion, JsonSerializer.Serialize(machine.BackendVersions), JsonSerializer.Serialize(machine.TemperaturesCelsius));
        transaction.Commit();
        return id;
    }

    /// <summary>Saves one configuration's result (with its power readings) in one transaction; returns its id.</summary>
    public long Save(long runId, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var transaction = Connection.BeginTransaction();
        var id = StoreWriter.Write(Connection, transaction, runId, result);
        transaction.Commit();
        return id;
    }

    /// <summary>Every run, oldest first.</summary>
    public IReadOnlyList<StoredRun> Runs() => StoreReader.Runs(Connection);

    /// <summary>Every configuration (of one run, or of all runs), in the order they were saved, with metrics and failures.</summary>
    public IReadOnlyList<StoredConfiguration> Configurations(long? runId = null) => StoreReader.Configurations(Connection, runId);

    /// <summary>The measured inferences of one configuration, with their per-inference counters.</summary>
    public IReadOnlyList<InferenceSample> Samples(long configurationId) => StoreReader.Samples(Connection, configurationId);

    /// <summary>Every per-layer timing in the store.</summary>
    public IReadOnlyList<StoredLayerTiming> LayerTimings() => StoreReader.LayerTimings(Connection);

    /// <summary>
    /// Every distinct counter status recorded with the configurations (of one run, or of all runs): which counters
    /// opened, and why the others did not.
    /// </summary>
    public IReadOnlyList<CounterStatus> CounterStatuses(long? runId = null) => StoreReader.CounterStatuses(Connection, runId);

    /// <summary>The power samples of one configuration, in time order.</summary>
    public IReadOnlyList<PowerSample> PowerSamples(long configurationId) => StoreReader.PowerSamples(Connection, configurationId);

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _connection.Dispose();
            _disposed = true;
        }
    }

    private SqliteConnection Connection
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _connection;
        }
    }

    /// <summary>The stored spelling of an enum value (snake_case).</summary>
    internal static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Parses the stored spelling of an enum value.</summary>
    internal static T Parse<T>(string text) where T : struct, Enum => Enum.Parse<T>(text.Replace("_", ""), ignoreCase: true);

    /// <summary>The unit of a metric id when the catalogue knows it.</summary>
    internal static string UnitOf(string id) => MetricIds.Find(id)?.Unit ?? "count";
}
