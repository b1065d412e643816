using System.Diagnostics;
using System.Text.RegularExpressions;
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

    [Test]
    public void Sigint_stops_the_study_and_keeps_every_finished_configuration()
    {
        var command = WorkerCommandLine.ForThisTool().SkipLast(1).ToList();
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1).Concat(["study", "--models", "squeezenet1_1", "mobilenet_v1", "--backends", "onnxruntime",
                     "--threads", "1,2", "--iterations", "20", "--warmup", "1", "--out", _folder]))
        {
            start.ArgumentList.Add(argument);
        }
        using var study = Process.Start(start)!;
        var lines = new List<string>();
        string? line;
        while ((line = study.StandardOutput.ReadLine()) is not null)
        {
            lines.Add(line);
            if (line.StartsWith("[2/4] ", StringComparison.Ordinal) && line.EndsWith(": measuring", StringComparison.Ordinal))
            {
                using var kill = Process.Start("kill", ["-INT", study.Id.ToString()]);
                kill.WaitForExit();
            }
        }
        study.WaitForExit();
        var error = study.StandardError.ReadToEnd();

        Assert.That(study.ExitCode, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain("SIGINT received, stopping after the current inference"));
        var finished = lines.Where(l => l.Contains("t: ok,", StringComparison.Ordinal)).ToList();
        Assert.That(finished, Has.Count.InRange(1, 3), string.Join("\n", lines));
        Assert.That(lines, Has.Some.Contains("configurations measured (0 failed), interrupted."));
        using var store = ResultStore.Open(Path.Combine(_folder, StudyCommandStoreName));
        var stored = store.Configurations();
        Assert.That(stored.Select(c => $"{c.Model}/{c.Backend}/{c.Threads}t"), Is.EqualTo(finished.Select(l => l.Split(' ')[1].TrimEnd(':'))));
        Assert.That(stored.Select(c => c.Status), Is.All.EqualTo(RunStatus.Ok));
        Assert.That(File.Exists(Path.Combine(_folder, "configurations.csv")), Is.True);
    }

    private const string StudyCommandStoreName = "results.db";

    /// <summary>The width in the IHDR chunk of a PNG file, after checking its signature.</summary>
    private static int PngWidth(byte[] png)
    {
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
    }
}
