using System.Text.Json;
using CnnPerf.Core.Tests.Studies;

namespace CnnPerf.Cli.Tests.Commands;

public sealed class AnalyzeCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-analyze-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void AnEmptyFileIsNotAResultsStoreAndStaysUntouched()
    {
        var empty = Path.Combine(_folder, "empty.db");
        File.WriteAllBytes(empty, []);

        var (exitCode, output, error) = CliRun.Invoke("analyze", "--store", empty);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd(), Is.EqualTo($"cnnperf analyze: {empty} is not a results store: it is empty ('cnnperf study' or 'cnnperf run --store' writes one)"));
        Assert.That(new FileInfo(empty).Length, Is.Zero);
        Assert.That(Directory.EnumerateFileSystemEntries(_folder), Is.EqualTo(new[] { empty }), "no schema, journal or report written");
    }

    [Test]
    public void JsonListsCorrelationsOverTheConfigurationsOfTheWideCsv()
    {
        var store = SyntheticStudy.Write(_folder, withFailure: false);
        var (exportCode, csv, _) = CliRun.Invoke("export", "--store", store, "--format", "csv", "--shape", "wide");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var output = Path.Combine(_folder, "report");

        var (exitCode, json, error) = CliRun.Invoke("analyze", "--store", store, "--out", output, "--json");

        Assert.That((exportCode, exitCode), Is.EqualTo((0, 0)), error);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(root.GetProperty("configurations").GetInt32(), Is.EqualTo(rows).And.EqualTo(SyntheticStudy.Configurations(withFailure: false)));
        var correlations = root.GetProperty("correlations").EnumerateArray().ToList();
        Assert.That(correlations, Is.Not.Empty);
        var taskClock = correlations.Single(c => c.GetProperty("target").GetString() == "latency.mean_ms" && c.GetProperty("metric").GetString() == "sw.task_clock_ms");
        Assert.That(taskClock.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "target", "metric", "n", "pearson_r", "p_value", "ci_low", "ci_high", "spearman_rho" }));
        Assert.That(taskClock.GetProperty("n").GetInt32(), Is.EqualTo(rows));
        var r = taskClock.GetProperty("pearson_r").GetDouble();
        Assert.That(r, Is.InRange(taskClock.GetProperty("ci_low").GetDouble(), taskClock.GetProperty("ci_high").GetDouble()));
        Assert.That(taskClock.GetProperty("p_value").GetDouble(), Is.InRange(0, 0.05));
        Assert.That(correlations.Select(c => c.GetProperty("metric").GetString()), Has.None.StartsWith("run."));
        Assert.That(File.Exists(Path.Combine(output, "report.html")) && File.Exists(Path.Combine(output, "report.md")), Is.True);
        Assert.That(root.GetProperty("report").GetProperty("html").GetString(), Is.EqualTo(Path.Combine(output, "report.html")));
    }

    [Test]
    public void WithoutOutTheReportGoesBesideTheStore()
    {
        var store = SyntheticStudy.Write(_folder);

        var (exitCode, output, error) = CliRun.Invoke("analyze", "--store", store);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain($"Analysed {SyntheticStudy.Configurations(withFailure: true)} configurations"));
        Assert.That(output, Does.Contain("Layer-wise latency model, opencv at 1 thread(s), leave-one-network-out over 5 networks: MAPE "));
        Assert.That(output, Does.Contain($"Report: {Path.Combine(_folder, "report.html")}"));
        Assert.That(File.Exists(Path.Combine(_folder, "report.md")), Is.True);
    }

    [Test]
    public void AMissingStoreIsAUsageError()
    {
        var (exitCode, output, error) = CliRun.Invoke("analyze", "--store", Path.Combine(_folder, "none.db"));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.Trim(), Is.EqualTo($"cnnperf analyze: results store '{Path.Combine(_folder, "none.db")}' does not exist ('cnnperf study' writes one)"));
    }
}
