using CnnPerf.Metrics;
using CnnPerf.Power;
using CnnPerf.Running;
using CnnPerf.Store;
using CnnPerf.Tests;
using Microsoft.Data.Sqlite;

namespace CnnPerf.Core.Tests.Store;

public class ResultStoreTests
{
    private string _folder = null!;
    private string _path = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("cnnperf-store-").FullName;
        _path = Path.Combine(_folder, "sub", "results.db");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Everything_saved_reads_back()
    {
        long runId, configurationId;
        using (var store = ResultStore.Open(_path))
        {
            var pending = store.BeginRun(StoreTestData.Machine);
            configurationId = store.Save(pending, StoreTestData.Ok("resnet18", "onnxruntime", 2, 12.5) with { PowerStatus = "power complete" });
            store.Save(pending, StoreTestData.Failed("bad"));
            runId = pending.Id!.Value;
        }
        using var reopened = ResultStore.Open(_path);

        Assert.That(reopened.SchemaVersion, Is.EqualTo(ResultStore.CurrentSchemaVersion));
        var run = reopened.Runs().Single();
        Assert.That(run.Machine with { BackendVersions = StoreTestData.Machine.BackendVersions, TemperaturesCelsius = StoreTestData.Machine.TemperaturesCelsius },
            Is.EqualTo(StoreTestData.Machine));
        Assert.That(run.Machine.BackendVersions["onnxruntime"], Is.EqualTo("1.31.1"));
        var configurations = reopened.Configurations(runId);
        Assert.That(configurations, Has.Count.EqualTo(2));
        var ok = configurations[0];
        Assert.That((ok.Model, ok.Backend, ok.BackendVersion, ok.Threads, ok.Status), Is.EqualTo(("resnet18", "onnxruntime", "1.31.1", 2, RunStatus.Ok)));
        Assert.That(ok.ValueOf("latency.p50_ms"), Is.EqualTo(12.5));
        Assert.That(double.IsNaN(ok.ValueOf("latency.stddev_ms")), Is.True);
        Assert.That(ok.Metrics.Single(m => m.Id == "sw.task_clock_ms").RunningShare, Is.EqualTo(0.75));
        Assert.That(ok.Metrics[0].Provenance, Is.EqualTo(Provenance.Measured));
        Assert.That(ok.PowerStatus, Is.EqualTo("power complete"));
        var samples = reopened.Samples(configurationId);
        Assert.That(samples.Select(s => s.LatencyMs), Is.EqualTo(new[] { 12.5, 13.5 }));
        Assert.That(samples[0].Counters["sw.page_faults"], Is.EqualTo(2));
        Assert.That(reopened.LayerTimings().Select(l => (l.Node, l.OpType, l.Threads)), Is.EqualTo(new[] { ("conv1", "Conv", 2), ("relu1", "Relu", 2) }));
        Assert.That(reopened.PowerSamples(configurationId), Is.EqualTo(new[] { new PowerSample(35e-9, 4.5), new PowerSample(36e-9, 4.6, 12.5) }));
        var failure = configurations[1].Failure!;
        Assert.That((failure.Kind, failure.Signal, failure.StderrTail), Is.EqualTo((FailureKind.Signal, (int?)11, "line 1\nline, \"2\"")));
    }

    [Test]
    public void Reopening_appends_a_new_run()
    {
        foreach (var p50 in new[] { 1.0, 2.0 })
        {
            using var store = ResultStore.Open(_path);
            store.Save(store.BeginRun(StoreTestData.Machine), StoreTestData.Ok("m", "onnxruntime", 1, p50));
        }
        using var reopened = ResultStore.Open(_path);

        Assert.That(reopened.Runs(), Has.Count.EqualTo(2));
        Assert.That(reopened.Configurations().Select(c => (c.RunId, c.ValueOf("latency.p50_ms"))), Is.EqualTo(new[] { (1L, 1.0), (2L, 2.0) }));
    }

    [Test]
    public void A_sqlite_file_of_another_application_is_refused()
    {
        using (var other = new SqliteConnection($"Data Source={Path.Combine(_folder, "other.db")};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE people (name TEXT)";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<StoreException>(() => ResultStore.Open(Path.Combine(_folder, "other.db")))!;
        Assert.That(e.Message, Does.Contain("is an SQLite database but not a CnnPerf results store"));
    }

    [Test]
    public void A_store_of_a_newer_schema_is_refused_with_the_versions()
    {
        using (ResultStore.Open(_path))
        {
        }
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_info SET version = 99; PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<StoreException>(() => ResultStore.Open(_path))!;
        Assert.That(e.Message, Does.Contain($"schema version 99; this CnnPerf reads up to version {ResultStore.CurrentSchemaVersion}"));
    }

    [Test]
    public void A_file_that_is_not_sqlite_is_a_store_error()
    {
        File.WriteAllText(Path.Combine(_folder, "text.db"), "this is not a database, just some text that is long enough to have a header");

        Assert.Throws<StoreException>(() => ResultStore.Open(Path.Combine(_folder, "text.db")));
    }

    [Test]
    public void An_sqlite_file_with_a_user_version_but_no_schema_info_is_refused()
    {
        var path = Path.Combine(_folder, "foreign.db");
        Execute(path, "CREATE TABLE runs (id INTEGER); PRAGMA user_version = 1;");

        Assert.That(() => ResultStore.Open(path), Throws.InstanceOf<StoreException>().With.Message.Contains("not a CnnPerf results store"));
        Assert.That(() => ResultStore.OpenReadOnly(path), Throws.InstanceOf<StoreException>().With.Message.Contains("not a CnnPerf results store"));
    }

    [Test]
    public void A_directory_is_refused()
    {
        Assert.That(() => ResultStore.Open(_folder), Throws.InstanceOf<StoreException>().With.Message.EqualTo($"{_folder} is a directory, not a results store"));
    }

    [Test]
    public void An_empty_file_read_is_not_a_results_store_and_stays_untouched()
    {
        var path = Path.Combine(_folder, "empty.db");
        File.WriteAllBytes(path, []);
        var written = File.GetLastWriteTimeUtc(path);

        Assert.That(() => ResultStore.OpenReadOnly(path), Throws.InstanceOf<StoreException>().With.Message.StartsWith($"{path} is not a results store: it is empty"));
        Assert.That(new FileInfo(path).Length, Is.Zero);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(written));
        Assert.That(Directory.EnumerateFiles(_folder), Is.EqualTo(new[] { path }), "no journal or WAL file either");
    }

    [Test]
    public void Reading_a_missing_store_does_not_create_it()
    {
        Assert.That(() => ResultStore.OpenReadOnly(_path), Throws.InstanceOf<StoreException>().With.Message.Contains("does not exist"));
        Assert.That(File.Exists(_path), Is.False);
    }

    [Test]
    public void A_store_locked_by_another_writer_for_longer_than_the_timeout_is_refused_on_open()
    {
        using (ResultStore.Open(_path))
        {
        }
        using var holder = new SqliteConnection($"Data Source={_path};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var e = Assert.Throws<StoreException>(() => ResultStore.Open(_path, TimeSpan.FromSeconds(1)))!;
        Assert.That(e.Message, Is.EqualTo($"cannot write results store {_path}: it is locked by another process (waited 1 s)"));
    }

    [Test]
    public void A_read_only_store_is_refused_on_open_before_anything_is_measured()
    {
        using (ResultStore.Open(_path))
        {
        }
        using var readOnly = ReadOnlyFile.Protect(_path);

        var e = Assert.Throws<StoreException>(() => ResultStore.Open(_path))!;
        Assert.That(e.Message, Does.StartWith($"cannot write results store {_path}: it is read-only"));
        using var reading = ResultStore.OpenReadOnly(_path);
        Assert.That(reading.Configurations(), Is.Empty, "it can still be read");
    }

    [Test]
    public void The_store_is_in_wal_mode()
    {
        using (ResultStore.Open(_path))
        {
        }
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.That(command.ExecuteScalar(), Is.EqualTo("wal"));
    }

    [Test]
    public void A_version_1_store_is_migrated_when_opened_for_writing_and_read_as_it_is_otherwise()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        Execute(_path, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "Recorded", "schema-v1.sql")) + """
            INSERT INTO runs VALUES (1, '2026-11-26T06:30:00Z', 'host', NULL, 'avx2', 2, NULL, NULL, NULL, '6.18', 'Debian', '.NET 10', '0.1.0', '{}', '{}');
            INSERT INTO configurations VALUES (1, 1, 'old', '/models/old.onnx', 'onnxruntime', '1.31.1', 1, 1, 42, '{}', '100 iterations', '', 'ok', 0, 0, 0, 0, '2026-11-26T06:31:00Z');
            INSERT INTO metrics VALUES (1, 'latency.p50_ms', 7.5, 'ms', 'measured', NULL);
            """);

        using (var reading = ResultStore.OpenReadOnly(_path))
        {
            Assert.That(reading.SchemaVersion, Is.EqualTo(1));
            Assert.That(reading.Configurations().Single().ValueOf("latency.p50_ms"), Is.EqualTo(7.5));
        }
        using var store = ResultStore.Open(_path);

        Assert.That(store.SchemaVersion, Is.EqualTo(ResultStore.CurrentSchemaVersion));
        store.Save(store.BeginRun(StoreTestData.Machine), StoreTestData.Ok("new", "onnxruntime", 1, 3.0) with { PowerStatus = "power incomplete: log.csv:3: 'NaN' is not a number of watts" });
        var configurations = store.Configurations();
        Assert.That(configurations.Select(c => (c.Model, c.PowerStatus)),
            Is.EqualTo(new[] { ("old", (string?)null), ("new", "power incomplete: log.csv:3: 'NaN' is not a number of watts") }));
    }

    [Test]
    public void A_save_that_fails_leaves_no_run_and_no_part_of_the_configuration()
    {
        using var store = ResultStore.Open(_path);
        var run = store.BeginRun(StoreTestData.Machine);
        var good = StoreTestData.Ok("m", "onnxruntime", 1, 2.0);
        var duplicate = good with { Metrics = [.. good.Metrics, good.Metrics[0]] };

        var e = Assert.Throws<StoreException>(() => store.Save(run, duplicate))!;

        Assert.That(e.Message, Does.StartWith($"cannot save m/onnxruntime/1t in results store {store.Path}: ").And.Contain("UNIQUE constraint failed: metrics"));
        Assert.That(run.Id, Is.Null);
        Assert.That(store.Runs(), Is.Empty, "no orphan run row");
        Assert.That(Count(store.Path, "configurations") + Count(store.Path, "samples"), Is.Zero);

        var withNaNWatts = good with { Power = [new PowerSample(1, double.NaN)] };
        Assert.That(() => store.Save(run, withNaNWatts), Throws.InstanceOf<StoreException>().With.Message.Contains("NOT NULL constraint failed: power_samples.watts"));
        Assert.That(store.Runs(), Is.Empty);

        store.Save(run, good);
        Assert.That(store.Runs(), Has.Count.EqualTo(1));
        Assert.That(store.Configurations(run.Id).Single().Model, Is.EqualTo("m"));
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
