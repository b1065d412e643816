using CnnPerf.Analysis;
using CnnPerf.Features;
using CnnPerf.Metrics;
using CnnPerf.Modeling;
using CnnPerf.Models;
using CnnPerf.Store;
using CnnPerf.Studies;

namespace CnnPerf.Core.Tests.Studies;

public sealed class StoredStudyTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-stored-study-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void RowsAreExactlyTheConfigurationsOfTheWideExport()
    {
        using var store = ResultStore.Open(SyntheticStudy.Write(_folder));
        var study = StoredStudy.Load(store, new ModelZoo(_folder));

        using var csv = new StringWriter();
        StoreExporter.Write(store, csv, ExportFormat.Csv, ExportShape.Wide);
        var exported = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => new ConfigurationKey(cells[2], cells[3], int.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.That(study.Results.Keys, Is.EqualTo(exported));
        Assert.That(study.Results.RowCount, Is.EqualTo(SyntheticStudy.Configurations(withFailure: true)));
        Assert.That(study.Configurations.Select(StoredStudy.Key), Is.EqualTo(study.Results.Keys));
        Assert.That(study.Results.Columns, Does.Contain(MetricIds.LatencyMean.Id).And.Contain(MetricIds.SwTaskClock.Id));
        Assert.That(study.Results.Columns, Has.None.StartsWith(StoredStudy.BookkeepingPrefix), "how many inferences were measured is not a metric of the configuration");
        var failed = study.Results.Keys.ToList().IndexOf(new ConfigurationKey("net_a", "opencv", 2));
        Assert.That(study.Results.Columns.Select(c => study.Results.Column(c)[failed]), Is.All.NaN);
        Assert.That(study.Notes, Has.One.EqualTo("net_a/opencv/2t failed (Signal): worker was killed by SIGSEGV (11)"));
    }

    [Test]
    public void LayerTimingsFeaturesSamplesContextAndCountersComeBack()
    {
        using var store = ResultStore.Open(SyntheticStudy.Write(_folder));
        var study = StoredStudy.Load(store, new ModelZoo(_folder));

        Assert.That(study.Features.Keys, Is.EquivalentTo(SyntheticStudy.Networks));
        var stored = store.LayerTimings();
        Assert.That(study.LayerTimings, Has.Count.EqualTo(stored.Count));
        var first = stored[0];
        Assert.That(study.LayerTimings[0], Is.EqualTo(new LayerTimingRecord(
            new ConfigurationKey(first.Model, first.Backend, first.Threads), first.Node, first.OpType, first.MeanMilliseconds)));
        Assert.That(study.LatencySamples, Has.Count.EqualTo(SyntheticStudy.Configurations(withFailure: false)));
        Assert.That(study.LatencySamples.Select(s => s.Milliseconds.Count), Is.All.EqualTo(6));
        Assert.That(study.Runs.Single().Machine.CpuModel, Is.EqualTo("AMD EPYC 9B14"));
        Assert.That(study.CounterStatuses.Where(s => !s.Available).Select(s => (s.EventName, s.Errno)), Is.EqualTo(new[] { ("cycles", "ENOENT") }));
        Assert.That(study.CounterStatuses.Where(s => s.Available).Select(s => s.EventName), Is.EqualTo(new[] { "task-clock" }));
    }

    [Test]
    public void AProfileMeasuredAgainReplacesTheOlderOneInsteadOfAddingToIt()
    {
        var path = SyntheticStudy.Write(_folder);
        using var store = ResultStore.Open(path);
        var before = StoredStudy.Load(store, new ModelZoo(_folder)).LayerTimings
            .Where(t => t.Configuration == new ConfigurationKey("net_b", "onnxruntime", 1)).ToList();
        var source = new ModelSource("net_b", Path.Combine(_folder, "net_b.onnx"), ModelFormat.Onnx);
        store.Save(store.BeginRun(SyntheticStudy.Machine), SyntheticStudy.Result(source, ModelFeatureExtractor.Extract(source), "onnxruntime", 1, speed: 2));

        var study = StoredStudy.Load(store, new ModelZoo(_folder));

        var after = study.LayerTimings.Where(t => t.Configuration == new ConfigurationKey("net_b", "onnxruntime", 1)).ToList();
        Assert.That(after.Select(t => t.NodeName), Is.EqualTo(before.Select(t => t.NodeName)));
        Assert.That(after.Select(t => t.Milliseconds), Is.EqualTo(before.Select(t => 2 * t.Milliseconds)).Within(1e-9));
        Assert.That(study.Runs, Has.Count.EqualTo(2));
        Assert.That(study.Results.RowCount, Is.EqualTo(SyntheticStudy.Configurations(withFailure: true) + 1));
        Assert.That(StoredStudy.Load(store, new ModelZoo(_folder), runId: study.Runs[1].Id).Results.RowCount, Is.EqualTo(1));
    }

    [Test]
    public void AModelWhoseFileIsGoneIsLeftOutOfTheLayerwiseDataWithANote()
    {
        var path = SyntheticStudy.Write(_folder);
        File.Delete(Path.Combine(_folder, "net_c.onnx"));
        using var store = ResultStore.Open(path);

        var study = StoredStudy.Load(store, new ModelZoo(_folder));

        Assert.That(study.Features.Keys, Does.Not.Contain("net_c"));
        Assert.That(study.Features, Has.Count.EqualTo(SyntheticStudy.Networks.Length - 1));
        Assert.That(study.Notes, Has.One.StartsWith("net_c: no static layer features (").And.EndsWith("its layer timings are not used"));
    }
}
