using System.Text.RegularExpressions;
using CnnPerf.Cli.Tests.TestSupport;
using CnnPerf.Running;
using CnnPerf.Store;

namespace CnnPerf.Cli.Tests.Commands;

[Category("Slow")]
public class StudyCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-study-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_study_writes_the_store_and_both_csv_files_and_says_where()
    {
        var (exitCode, output, error) = CliRun.Invoke("study", "--models", "squeezenet1_1", "--backends", "onnxruntime", "--threads", "1",
            "--iterations", "3", "--warmup", "1", "--out", _folder);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("[1/1] squeezenet1_1/onnxruntime/1t: ok, p50 "));
        Assert.That(output, Does.Contain("1 of 1 configurations measured (0 failed)."));
        Assert.That(output, Does.Contain(Path.Combine(_folder, StudyCommandStoreName)));
        Assert.That(File.ReadLines(Path.Combine(_folder, "configurations.csv")).Count(), Is.EqualTo(2));
        Assert.That(File.ReadLines(Path.Combine(_folder, "metrics.csv")).Skip(1).First(), Does.StartWith("1,1,squeezenet1_1,onnxruntime,"));
    }

    [Test]
    public void A_quick_study_writes_a_report_whose_charts_all_exist_and_its_timings_predict_an_unmeasured_zoo_model()
    {
        var (exitCode, output, error) = CliRun.Invoke("study", "--quick", "--models", "squeezenet1_1", "mobilenet_v2", "--backends", "onnxruntime",
            "--threads", "1", "--out", _folder);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain($"Report: {Path.Combine(_folder, "report.html")}"));
        Assert.That(output, Does.Contain("Layer-wise latency model, onnxruntime at 1 thread(s), leave-one-network-out over 2 networks: MAPE "));
        var markdown = File.ReadAllText(Path.Combine(_folder, "report.md"));
        var charts = Regex.Matches(markdown, @"\]\((charts/[^)]+\.png)\)").Select(m => Path.Combine(_folder, m.Groups[1].Value)).ToList();
        Assert.That(charts, Has.Count.GreaterThanOrEqualTo(4), "two latency distributions, throughput and CPU against threads, layer-wise prediction");
        Assert.That(charts.Select(path => PngWidth(File.ReadAllBytes(path))), Is.All.GreaterThanOrEqualTo(900));
        var embedded = Regex.Matches(File.ReadAllText(Path.Combine(_folder, "report.html")), "<img src=\"data:image/png;base64,([^\"]+)\"")
            .Select(m => PngWidth(Convert.FromBase64String(m.Groups[1].Value))).ToList();
        Assert.That(embedded, Has.Count.EqualTo(charts.Count));
        Assert.That(embedded, Is.All.GreaterThanOrEqualTo(900));
        Assert.That(markdown, Does.Contain("Layer-wise latency predictor (leave-one-network-out)"));
        using (var store = ResultStore.Open(Path.Combine(_folder, StudyCommandStoreName)))
        {
            Assert.That(store.LayerTimings().Select(t => t.Model).Distinct(), Is.EquivalentTo(new[] { "squeezenet1_1", "mobilenet_v2" }));
        }

        var (predictCode, json, predictError) = CliRun.Invoke("predict", "--model", "mobilenet_v1", "--backend", "onnxruntime",
            "--store", Path.Combine(_folder, StudyCommandStoreName), "--json");

        Assert.That(predictCode, Is.EqualTo(0), predictError);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.That(document.RootElement.GetProperty("model").GetString(), Is.EqualTo("mobilenet_v1"));
        Assert.That(document.RootElement.GetProperty("predicted").GetProperty("latency.mean_ms").GetDouble(), Is.GreaterThan(0));
    }

    [TestCase("INT")]
    [TestCase("TERM")]
    public void A_signal_mid_configuration_keeps_the_finished_ones_stores_the_interrupted_one_with_its_samples_and_exits_1(string signal)
    {
        var temporary = Directory.CreateDirectory(Path.Combine(_folder, "tmp")).FullName;
        var output = Path.Combine(_folder, "out");
        using var study = new ToolProcess(temporary, "study", "--models", "squeezenet1_1", "mobilenet_v1", "--backends", "onnxruntime", "--threads", "1",
            "--duration", "3", "--warmup", "1", "--layers", "0", "--out", output);
        var first = study.WaitForErrorLine(l => l.EndsWith(": cnnperf-phase: measured", StringComparison.Ordinal));
        study.WaitForErrorLine(l => l.EndsWith(": cnnperf-phase: measured", StringComparison.Ordinal) && l != first);
        Thread.Sleep(1000);
        study.Signal(signal);
        var (exitCode, stdout) = study.WaitForExit();

        Assert.That(exitCode, Is.EqualTo(1), study.Error);
        Assert.That(study.Error, Does.Contain($"SIG{signal} received, stopping after the current inference"));
        Assert.That(stdout, Does.Contain("[1/2] squeezenet1_1/onnxruntime/1t: ok, p50 "));
        var kept = Regex.Match(stdout, @"\[2/2\] mobilenet_v1/onnxruntime/1t: interrupted, (\d+) measured inference\(s\) kept");
        Assert.That(kept.Success, Is.True, stdout);
        Assert.That(stdout, Does.Contain("1 of 2 configurations measured (0 failed), interrupted: mobilenet_v1/onnxruntime/1t kept as interrupted"));
        using (var store = ResultStore.Open(Path.Combine(output, StudyCommandStoreName)))
        {
            var stored = store.Configurations();
            Assert.That(stored.Select(c => (c.Model, c.Status)), Is.EqualTo(new[] { ("squeezenet1_1", RunStatus.Ok), ("mobilenet_v1", RunStatus.Interrupted) }));
            var samples = store.Samples(stored[1].Id).Count;
            Assert.That(samples, Is.Positive.And.EqualTo(int.Parse(kept.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.That(File.Exists(Path.Combine(output, "report.html")), Is.True, "a stopped study still writes its report");
        Assert.That(study.WorkerCount, Is.EqualTo(2));
        Assert.That(study.LiveWorkers(), Is.Empty);
        Assert.That(study.LeftBehind(), Is.Empty, "no worker folder or runtime file is left behind");
    }

    [Test]
    public void A_study_in_which_every_configuration_fails_exits_1()
    {
        var corrupt = Path.Combine(_folder, "corrupt.onnx");
        File.WriteAllBytes(corrupt, [1, 2, 3, 4, 5]);

        var (exitCode, output, error) = CliRun.Invoke("study", "--models", corrupt, "--backends", "onnxruntime", "--threads", "1", "--iterations", "1",
            "--layers", "0", "--out", _folder);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain("1 of 1 configurations measured (1 failed)."));
        Assert.That(error.TrimEnd().Split('\n')[^1], Is.EqualTo($"cnnperf study: every configuration failed (1): see {Path.Combine(_folder, "configurations.csv")}"));
    }

    [TestCase("--threads", "1,10000", "--threads: threads must be at most")]
    [TestCase("--threads", "0", "--threads: threads must be at least 1, got 0")]
    [TestCase("--duration", "NaN", "--duration NaN is not a positive number of seconds")]
    [TestCase("--pin", "0-100000", "cannot pin to CPU(s) ")]
    public void Bad_values_are_one_line_usage_errors_before_anything_runs(string option, string value, string message)
    {
        var (exitCode, output, error) = CliRun.Invoke("study", "--models", "squeezenet1_1", "--backends", "onnxruntime", option, value, "--out", _folder);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.Contain(message));
        Assert.That(Directory.EnumerateFileSystemEntries(_folder), Is.Empty, "no store was created");
    }

    private const string StudyCommandStoreName = "results.db";

    /// <summary>The width in the IHDR chunk of a PNG file, after checking its signature.</summary>
    private static int PngWidth(byte[] png)
    {
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
    }
}
