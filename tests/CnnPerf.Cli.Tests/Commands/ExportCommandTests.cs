using System.Text.Json;

namespace CnnPerf.Cli.Tests.Commands;

public class ExportCommandTests
{
    private string _folder = "";
    private string _store = "";

    [OneTimeSetUp]
    public void MeasureIntoAStore()
    {
        _folder = Directory.CreateTempSubdirectory("cnnperf-export-").FullName;
        _store = Path.Combine(_folder, "results.db");
        var (exitCode, _, error) = CliRun.Invoke("run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--iterations", "3",
            "--warmup", "1", "--in-process", "--store", _store, "--json");
        Assert.That(exitCode, Is.EqualTo(0), error);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Csv_long_goes_to_stdout()
    {
        var (exitCode, output, _) = CliRun.Invoke("export", "--store", _store, "--format", "csv");

        Assert.That(exitCode, Is.EqualTo(0));
        var lines = output.TrimEnd().Split(Environment.NewLine);
        Assert.That(lines[0], Does.StartWith("run_id,configuration_id,model,backend,backend_version,threads,batch,status,metric_id,value"));
        Assert.That(lines, Has.Some.StartsWith("1,1,squeezenet1_1,onnxruntime,").And.Contains(",latency.p50_ms,"));
    }

    [Test]
    public void Json_wide_goes_to_a_file()
    {
        var path = Path.Combine(_folder, "out", "wide.json");

        var (exitCode, _, error) = CliRun.Invoke("export", "--store", _store, "--format", "json", "--shape", "wide", "--out", path);

        Assert.That(exitCode, Is.EqualTo(0), error);
        var row = JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().Single();
        Assert.That(row.GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(row.GetProperty("throughput.fps").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void A_missing_store_is_a_usage_error()
    {
        var (exitCode, _, error) = CliRun.Invoke("export", "--store", Path.Combine(_folder, "none.db"), "--format", "csv");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("does not exist"));
    }

    [Test]
    public void Json_exports_json_and_json_with_csv_is_a_usage_error()
    {
        var (exitCode, output, error) = CliRun.Invoke("--json", "export", "--store", _store, "--shape", "wide");

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(JsonDocument.Parse(output).RootElement.EnumerateArray().Single().GetProperty("model").GetString(), Is.EqualTo("squeezenet1_1"));

        var (csvCode, csvOutput, csvError) = CliRun.Invoke("--json", "export", "--store", _store, "--format", "csv");

        Assert.That(csvCode, Is.EqualTo(2));
        Assert.That(JsonDocument.Parse(csvOutput).RootElement.GetProperty("error").GetString(), Is.EqualTo("--json writes JSON; it cannot be given with --format csv"));
        Assert.That(csvError.TrimEnd(), Is.EqualTo("cnnperf export: --json writes JSON; it cannot be given with --format csv"));
    }
}
