using CnnPerf.Metrics;
using CnnPerf.Power;
using CnnPerf.Running;
using CnnPerf.Store;
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
            runId = store.BeginRun(StoreTestData.Machine);
            configurationId = store.Save(runId, StoreTestData.Ok("resnet18", "onnxruntime", 2, 12.5));
            store.Save(runId, StoreTestData.Failed("bad"));
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
        Assert.That(e.Message, Does.EndWith("is an SQLite database but not a CnnPerf results store"));
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
            command.CommandText = "PRAGMA user_version = 99";
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
}
