using System.Text.RegularExpressions;
using CnnPerf.Features;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Store;
using CnnPerf.Studies;

namespace CnnPerf.Core.Tests.Studies;

public sealed class StudyReportTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-study-report-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void AnalysisCoversEveryConfigurationAndValidatesTheLayerwiseModelPerBackend()
    {
        var study = Load(SyntheticStudy.Write(_folder));

        var analysis = StudyReport.Analyze(study);

        Assert.That(analysis.Correlations.Configurations, Is.EqualTo(SyntheticStudy.Configurations(withFailure: true)));
        var taskClock = analysis.Correlations.Correlations.Single(c => c.Target == MetricIds.LatencyMean.Id && c.Metric == MetricIds.SwTaskClock.Id);
        Assert.That(taskClock.N, Is.EqualTo(SyntheticStudy.Configurations(withFailure: false)), "the crashed configuration has no values");
        Assert.That(taskClock.Pearson.R, Is.GreaterThan(0.5));
        Assert.That(analysis.LayerwiseValidations.Select(v => (v.Backend, v.Threads)), Is.EqualTo(new[] { ("onnxruntime", 1), ("onnxruntime", 2), ("opencv", 1) }));
        foreach (var validation in analysis.LayerwiseValidations)
        {
            Assert.That(validation.Networks, Has.Count.EqualTo(SyntheticStudy.Networks.Length));
            Assert.That(validation.Errors.MeanAbsolutePercentageError, Is.LessThan(10), $"{validation.Backend} {validation.Threads}");
        }
    }

    [Test]
    public void ReportDataCarriesTheMachineContextTheUnavailableCountersAndTheFailures()
    {
        var study = Load(SyntheticStudy.Write(_folder));

        var data = StudyReport.Data(study, StudyReport.Analyze(study));

        var context = data.Context.ToDictionary(p => p.Key, p => p.Value);
        Assert.That(context["CPU"], Is.EqualTo("AMD EPYC 9B14"));
        Assert.That(context["SIMD"], Is.EqualTo("sse4_2 avx avx2 fma avx512f"));
        Assert.That(context["Backend opencv"], Is.EqualTo("4.13.0"));
        Assert.That(context["Results store"], Is.EqualTo(study.StorePath));
        Assert.That(data.UnavailableCounters.Select(c => (c.Name, c.Reason)), Is.EqualTo(new[] { ("cycles (hw.cycles)", "ENOENT: no PMU in this VM") }),
            "opencv measured power, so the meter is not listed");
        Assert.That(data.Notes, Has.One.Contains("SIGSEGV"));
        Assert.That(data.LatencySamples, Has.Count.EqualTo(SyntheticStudy.Configurations(withFailure: false)));
        Assert.That(data.Results.Column(MetricIds.EnergyPerInference.Id).Count(double.IsFinite), Is.EqualTo(SyntheticStudy.Networks.Length));
    }

    [Test]
    public void AStudyWithoutPowerListsTheMeterAsUnavailable()
    {
        var storePath = Path.Combine(_folder, "results.db");
        using (var store = ResultStore.Open(storePath))
        {
            var run = store.BeginRun(SyntheticStudy.Machine);
            var source = new ModelSource("net_a", SyntheticStudy.Save("net_a", _folder), ModelFormat.Onnx);
            store.Save(run, SyntheticStudy.Result(source, ModelFeatureExtractor.Extract(source), "onnxruntime", 1, 1));
        }

        var data = StudyReport.Data(Load(storePath), StudyReport.Analyze(Load(storePath)));

        Assert.That(data.UnavailableCounters.Select(c => c.Name), Is.EqualTo(new[] { "cycles (hw.cycles)", "power meter" }));
    }

    [Test]
    public void WriteProducesBothReportsWhoseChartsAllExist()
    {
        var study = Load(SyntheticStudy.Write(_folder));
        var output = Path.Combine(_folder, "report");

        var (files, _) = StudyReport.Write(study, output);

        var markdown = File.ReadAllText(files.MarkdownPath);
        var linked = Regex.Matches(markdown, @"\]\((charts/[^)]+\.png)\)").Select(m => Path.Combine(output, m.Groups[1].Value)).ToList();
        Assert.That(linked, Is.EquivalentTo(files.ChartPaths));
        Assert.That(linked, Has.Count.GreaterThanOrEqualTo(8), "latency per model, scaling, energy, heatmap, scatter plots, predictions");
        Assert.That(linked, Is.All.Matches<string>(File.Exists));
        var html = File.ReadAllText(files.HtmlPath);
        Assert.That(Regex.Matches(html, "<img src=\"data:image/png;base64,").Count, Is.EqualTo(files.ChartPaths.Count));
        Assert.That(markdown, Does.Contain("| onnxruntime | 2 | 5 |"), "the layer-wise validation row of onnxruntime at 2 threads");
        Assert.That(markdown, Does.Contain("Energy per inference"));
        Assert.That(markdown, Does.Contain("net\\_a/opencv/2t failed (Signal)"));
    }

    private StoredStudy Load(string storePath)
    {
        using var store = ResultStore.Open(storePath);
        return StoredStudy.Load(store, new ModelZoo(_folder));
    }
}
