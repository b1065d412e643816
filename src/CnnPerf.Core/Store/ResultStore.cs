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
/// timings, power samples, counter availability and failures. Each configuration is written in one transaction
/// (with its run's row, for the first one), so an interrupted study keeps every finished configuration and a failed
/// save leaves nothing half-written; opening an existing store appends new runs. The file is in WAL mode and waits
/// up to <see cref="DefaultLockTimeout"/> for another process's write, so several processes can write one store.
/// </summary>
public sealed class ResultStore : IDisposable
{
    /// <summary>How long an open or a save waits for another process that holds the store's write lock.</summary>
    public static TimeSpan DefaultLockTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The free space a store's disk needs when it is opened for writing (a configuration takes up to a few hundred KB).</summary>
    public const long MinimumFreeBytes = 8L << 20;

    private readonly SqliteConnection _connection;
    private readonly TimeSpan _lockTimeout;
    private bool _disposed;

    private ResultStore(SqliteConnection connection, string path, TimeSpan lockTimeout)
    {
        _connection = connection;
        _lockTimeout = lockTimeout;
        Path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>The schema version of the file.</summary>
    public int SchemaVersion => Convert.ToInt32(StoreSchema.Scalar(Connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);

    /// <summary>The schema version this library writes.</summary>
    public static int CurrentSchemaVersion => StoreSchema.Version;

    /// <summary>
    /// Opens a store to write into, creating the file (and its folder) when it does not exist and migrating one of an
    /// older schema. Everything that would stop a save is checked here, before anything is measured: the path is not a
    /// directory, the file is a CnnPerf store of a schema this library reads, it can be written (not read-only, not
    /// locked by another process for longer than <paramref name="lockTimeout"/>), and its disk has
    /// <see cref="MinimumFreeBytes"/> free.
    /// </summary>
    /// <param name="path">The store file.</param>
    /// <param name="lockTimeout">How long to wait for another process's write lock; <see cref="DefaultLockTimeout"/> when null.</param>
    /// <exception cref="StoreException">The store cannot be written, with the reason in one line.</exception>
    public static ResultStore Open(string path, TimeSpan? lockTimeout = null) => Open(path, write: true, lockTimeout ?? DefaultLockTimeout);

    /// <summary>Opens an existing store to read it: the file is never created, migrated or written.</summary>
    /// <exception cref="StoreException">The file does not exist, is empty, is not a CnnPerf store, or has a newer schema.</exception>
    public static ResultStore OpenReadOnly(string path, TimeSpan? lockTimeout = null) => Open(path, write: false, lockTimeout ?? DefaultLockTimeout);

    private static ResultStore Open(string path, bool write, TimeSpan lockTimeout)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new StoreException($"{fullPath} is a directory, not a results store");
        }
        if (!write && !File.Exists(fullPath))
        {
            throw new StoreException($"results store {fullPath} does not exist");
        }
        var doing = write ? "cannot write" : "cannot read";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{doing} results store {fullPath}: {e.Message}", e);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Pooling = false,
            Mode = write ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(lockTimeout.TotalSeconds)),
        }.ToString());
        try
        {
            connection.Open();
            StoreSchema.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)lockTimeout.TotalMilliseconds}"));
            if (write)
            {
                StoreSchema.Prepare(connection, fullPath);
                StoreSchema.Execute(connection, "PRAGMA journal_mode = WAL");
                CheckFreeSpace(fullPath);
            }
            else
            {
                StoreSchema.Check(connection, fullPath);
            }
            StoreSchema.Execute(connection, "PRAGMA foreign_keys = ON");
            return new ResultStore(connection, fullPath, lockTimeout);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw StoreErrors.From(e, fullPath, doing, lockTimeout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void CheckFreeSpace(string path)
    {
        var free = new DriveInfo(System.IO.Path.GetDirectoryName(path)!).AvailableFreeSpace;
        if (free < MinimumFreeBytes)
        {
            throw new StoreException(string.Create(CultureInfo.InvariantCulture,
                $"cannot write results store {path}: its disk is full ({free / 1024.0:0} KB free, {MinimumFreeBytes >> 20} MB needed)"));
        }
    }

    /// <summary>Starts a new run on this machine; its row is written with its first configuration.</summary>
    public PendingRun BeginRun(MachineContext machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return new PendingRun(machine);
    }

    /// <summary>
    /// Saves one configuration's result (with its power readings, and the run's row before its first configuration)
    /// in one transaction; returns the configuration's id. A save that fails leaves the store as it was.
    /// </summary>
    /// <exception cref="StoreException">The store refused the result (disk full, locked, a value it cannot hold), with the reason.</exception>
    public long Save(PendingRun run, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            using var transaction = Connection.BeginTransaction();
            var runId = run.Id ?? StoreWriter.WriteRun(Connection, transaction, run.Machine);
            var id = StoreWriter.Write(Connection, transaction, runId, result);
            transaction.Commit();
            run.Id = runId;
            return id;
        }
        catch (SqliteException e)
        {
            throw StoreErrors.From(e, Path, $"cannot save {result.Configuration.Label} in", _lockTimeout);
        }
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
