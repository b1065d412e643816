using System.Text.RegularExpressions;
using CnnPerf.Analysis;
using CnnPerf.Reports;

namespace CnnPerf.Core.Tests.Reports;

public sealed class ReportWriterTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("cnnperf-report-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void WritesSelfContainedHtmlAndMarkdownWithChartFilesBesideIt()
    {
        var files = ReportWriter.Write(SampleReport.Data(), _directory);
        var html = File.ReadAllText(files.HtmlPath);
        var markdown = File.ReadAllText(files.MarkdownPath);

        var images = Regex.Matches(html, "<img src=\"data:image/png;base64,([^\"]+)\"");
        Assert.That(images, Has.Count.EqualTo(files.ChartPaths.Count));
        Assert.That(html, Does.Not.Contain("src=\"charts/").And.Not.Contain("http"), "nothing outside the file");
        foreach (Match image in images)
        {
            var png = Convert.FromBase64String(image.Groups[1].Value);
            Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        }

        var links = Regex.Matches(markdown, @"!\[[^\]]*\]\((charts/[^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.That(links, Has.Count.EqualTo(files.ChartPaths.Count));
        Assert.That(links.Select(l => File.Exists(Path.Combine(_directory, l))), Is.All.True);

        // latency per model (4), throughput, cpu, energy, heatmap, 3 scatters, 2 regression validations, layer-wise
        Assert.That(files.ChartPaths.Select(Path.GetFileName), Is.SupersetOf(new[]
        {
            "latency-resnet18.png", "throughput-threads.png", "cpu-threads.png", "energy-per-inference.png",
            "correlation-heatmap.png", "layerwise-prediction.png",
        }));
        Assert.That(files.ChartPaths, Has.Count.EqualTo(4 + 2 + 1 + 1 + 3 + 2 + 1));
        foreach (var section in new[] { "Machine and software", "Results", "Latency distribution", "Energy per inference",
                     "Correlation of performance", "Layer-wise latency predictor", "Counters not available" })
        {
            Assert.That(html, Does.Contain(section));
            Assert.That(markdown, Does.Contain(section));
        }

        Assert.That(markdown, Does.Contain("| cycles | ENOENT: no PMU in this VM |"));
        Assert.That(html, Does.Contain("resnet50/opencv/2t (SIGKILL)"));
    }

    [Test]
    public void EmptySectionsSayWhyInsteadOfDisappearing()
    {
        var keys = new[] { new ConfigurationKey("squeezenet1_1", "onnxruntime", 1) };
        var data = new ReportData { Results = new MetricTable(keys, new Dictionary<string, double[]> { ["latency.mean_ms"] = [9.8] }) };
        var files = ReportWriter.Write(data, _directory);
        var markdown = File.ReadAllText(files.MarkdownPath);
        Assert.That(files.ChartPaths, Is.Empty);
        Assert.That(markdown, Does.Contain("No per-inference latencies were recorded."));
        Assert.That(markdown, Does.Contain("Not measured: no meter recorded the power of a whole measured phase"));
        Assert.That(markdown, Does.Contain("No correlation could be computed"));
        Assert.That(markdown, Does.Contain("Every requested counter was available."));
    }

    [Test]
    public void HtmlEscapesTextFromTheData()
    {
        var keys = new[] { new ConfigurationKey("<script>alert(1)</script>", "b", 1) };
        var data = new ReportData { Title = "a & b", Results = new MetricTable(keys, new Dictionary<string, double[]> { ["latency.mean_ms"] = [1] }) };
        var html = File.ReadAllText(ReportWriter.Write(data, _directory).HtmlPath);
        Assert.That(html, Does.Not.Contain("<script>alert"));
        Assert.That(html, Does.Contain("&lt;script&gt;").And.Contain("a &amp; b"));
    }
}
