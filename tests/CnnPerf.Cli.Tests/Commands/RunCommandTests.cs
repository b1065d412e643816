using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CnnPerf.Cli.Tests.TestSupport;
using CnnPerf.Running;
using CnnPerf.Store;
using CnnPerf.Tests;

namespace CnnPerf.Cli.Tests.Commands;

public class RunCommandTests
{
    [Test]
    public void Json_has_the_documented_shape()
    {
        var (exitCode, output, error) = CliRun.Invoke("run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--iterations", "3",
            "--warmup", "1", "--in-process", "--json");

        Assert.That(exitCode, Is.EqualTo(0), error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo("squeezenet1_1"));
        Assert.That(root.GetProperty("backend").GetString(), Is.EqualTo("onnxruntime"));
        Assert.That(root.GetProperty("threads").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("ok"));
        var p50 = root.GetProperty("metrics").GetProperty("latency.p50_ms");
        Assert.That(p50.GetProperty("value").GetDouble(), Is.GreaterThan(0));
        Assert.That(p50.GetProperty("unit").GetString(), Is.EqualTo("ms"));
        Assert.That(p50.GetProperty("provenance").GetString(), Is.EqualTo("measured"));
        Assert.That(root.GetProperty("metrics").GetProperty("run.measured_inferences").GetProperty("value").GetDouble(), Is.EqualTo(3));
    }

    [TestCase("--iterations", "5", "--duration", "1", "give at most one of --iterations, --duration and --adaptive")]
    [TestCase("--threads", "0", "--iterations", "1", "threads must be at least 1, got 0")]
    [TestCase("--pin", "0-x", "--iterations", "1", "--pin: '0-x' in '0-x' is not a CPU number or range")]
    [TestCase("--pin", "0-100000", "--iterations", "1", "cannot pin to CPU(s) ")]
    [TestCase("--threads", "10000", "--iterations", "1", "--threads: threads must be at most ")]
    [TestCase("--duration", "NaN", "--warmup", "1", "--duration NaN is not a positive number of seconds")]
    [TestCase("--duration", "-1", "--warmup", "1", "--duration -1 is not a positive number of seconds")]
    [TestCase("--duration", "1e300", "--warmup", "1", "--duration 1E+300 is not a positive number of seconds")]
    public void Inconsistent_options_are_usage_errors(string a, string b, string c, string d, string message)
    {
        var (exitCode, output, error) = CliRun.Invoke("run", "--model", "squeezenet1_1", "--backend", "onnxruntime", a, b, c, d);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line, however many CPUs a range names");
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public void A_failed_configuration_exits_1_with_one_line()
    {
        var corrupt = Path.Combine(Path.GetTempPath(), $"cnnperf-corrupt-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(corrupt, [1, 2, 3, 4, 5]);
        try
        {
            var (exitCode, _, error) = CliRun.Invoke("run", "--model", corrupt, "--backend", "onnxruntime", "--iterations", "1", "--in-process");

            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain("failed (Invalid): onnxruntime: model 'cnnperf-corrupt-"));
        }
        finally
        {
            File.Delete(corrupt);
        }
    }

    [TestCase("INT")]
    [TestCase("TERM")]
    [Category("Slow")]
    public void A_signal_mid_measurement_stores_the_measured_inferences_as_interrupted_and_exits_1(string signal)
    {
        using var folder = new TemporaryFolder();
        var store = Path.Combine(folder.Path, "results.db");
        using var run = new ToolProcess(Directory.CreateDirectory(Path.Combine(folder.Path, "tmp")).FullName,
            "run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--duration", "120", "--warmup", "1", "--store", store);
        run.WaitForErrorLine(l => l.EndsWith(": cnnperf-phase: measured", StringComparison.Ordinal));
        Thread.Sleep(1000);
        run.Signal(signal);
        var (exitCode, output) = run.WaitForExit();

        Assert.That(exitCode, Is.EqualTo(1), run.Error);
        Assert.That(output, Does.Contain("squeezenet1_1/onnxruntime/1t (120 s): interrupted"));
        var kept = Regex.Match(run.Error, @"cnnperf run: squeezenet1_1/onnxruntime/1t interrupted: (\d+) measured inference\(s\) kept in ");
        Assert.That(kept.Success, Is.True, run.Error);
        using (var results = ResultStore.Open(store))
        {
            var stored = results.Configurations().Single();
            Assert.That(stored.Status, Is.EqualTo(RunStatus.Interrupted));
            Assert.That(results.Samples(stored.Id), Has.Count.Positive.And.Count.EqualTo(int.Parse(kept.Groups[1].Value, CultureInfo.InvariantCulture)));
        }
        Assert.That(run.WorkerCount, Is.EqualTo(1));
        Assert.That(run.LiveWorkers(), Is.Empty);
        Assert.That(run.LeftBehind(), Is.Empty, "no worker folder or runtime file is left behind");
    }

    [Test]
    [Category("Slow")]
    public void A_second_signal_kills_the_worker_at_once_and_leaves_nothing_behind()
    {
        using var folder = new TemporaryFolder();
        var store = Path.Combine(folder.Path, "results.db");
        using var run = new ToolProcess(Directory.CreateDirectory(Path.Combine(folder.Path, "tmp")).FullName,
            "run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--duration", "120", "--store", store);
        // While the worker loads the model it cannot stop: the second signal must kill it.
        run.WaitForErrorLine(l => l.EndsWith(": cnnperf-phase: load", StringComparison.Ordinal));
        run.Signal("TERM");
        run.Signal("TERM");
        var (exitCode, _) = run.WaitForExit();

        Assert.That(exitCode, Is.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.Contain("SIGTERM received again, stopping at once"));
        using (var results = ResultStore.Open(store))
        {
            var stored = results.Configurations().Single();
            Assert.That(stored.Status, Is.EqualTo(RunStatus.Interrupted));
            Assert.That(stored.Failure!.Message, Does.Contain("killed"));
        }
        Assert.That(run.LiveWorkers(), Is.Empty);
        Assert.That(run.LeftBehind(), Is.Empty, "no worker folder or runtime file is left behind");
    }

    [TestCase("directory", "is a directory, not a results store")]
    [TestCase("read-only", "it is read-only")]
    [TestCase("foreign", "is an SQLite database but not a CnnPerf results store")]
    public void A_store_that_cannot_be_written_is_refused_before_measuring(string kind, string message)
    {
        using var folder = new TemporaryFolder();
        var store = Path.Combine(folder.Path, "results.db");
        ReadOnlyFile? readOnly = null;
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(store);
                break;
            case "read-only":
                using (ResultStore.Open(store))
                {
                }
                readOnly = ReadOnlyFile.Protect(store);
                break;
            default:
                using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store};Pooling=False"))
                {
                    other.Open();
                    using var create = other.CreateCommand();
                    create.CommandText = "CREATE TABLE people (name TEXT); PRAGMA user_version = 1;";
                    create.ExecuteNonQuery();
                }
                break;
        }
        using (readOnly)
        {
            var (exitCode, output, error) = CliRun.Invoke("--verbose", "run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--iterations", "1", "--store", store);

            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain(message));
            Assert.That(error, Does.Not.Contain("cnnperf-phase"), "no worker started");
        }
    }

    [Test]
    public void A_power_log_with_a_bad_line_is_refused_before_measuring()
    {
        using var folder = new TemporaryFolder();
        var log = Path.Combine(folder.Path, "power.csv");
        File.WriteAllText(log, "time,watts\n1764138000,2\n1764138001,NaN\n");

        var (exitCode, output, error) = CliRun.Invoke("--verbose", "run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--iterations", "1",
            "--power", $"csv:{log}");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.Split('\n')[0], Is.EqualTo($"cnnperf run: {log}:3: 'NaN' is not a number of watts"));
        Assert.That(error, Does.Not.Contain("cnnperf-phase"), "no worker started");
    }

    [Test]
    public void A_power_log_that_stays_missing_makes_the_result_say_power_incomplete()
    {
        using var folder = new TemporaryFolder();
        var log = Path.Combine(folder.Path, "never-written.csv");

        var (exitCode, output, error) = CliRun.Invoke("run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--iterations", "2", "--warmup", "1",
            "--in-process", "--power", $"csv:{log}", "--json");

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(JsonDocument.Parse(output).RootElement.GetProperty("power_status").GetString(), Is.EqualTo($"power incomplete: power log {log} does not exist"));
        Assert.That(error.TrimEnd(), Is.EqualTo($"warning: squeezenet1_1/onnxruntime/1t: power incomplete: power log {log} does not exist"));
    }

    [Test]
    [Category("Slow")]
    public void A_store_on_a_full_disk_is_refused_before_measuring()
    {
        using var folder = new TemporaryFolder();
        var disk = Directory.CreateDirectory(Path.Combine(folder.Path, "disk")).FullName;
        // A 256 KB file system, filled up, in a mount namespace of the tool's own (nothing else sees it).
        var (exitCode, output, error) = FullDisk.Run(disk, "run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--iterations", "1",
            "--store", Path.Combine(disk, "results.db"));

        Assert.That(exitCode, Is.EqualTo(1), error);
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.Contain($"results store {Path.Combine(disk, "results.db")}: ").And.Contain("disk is full"));
    }

    [Test]
    [Category("Slow")]
    public async Task Three_runs_writing_one_new_store_at_once_all_keep_their_configuration()
    {
        using var folder = new TemporaryFolder();
        var store = Path.Combine(folder.Path, "same.db");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => CnnPerfTool.Run(
            "run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--iterations", "3", "--warmup", "1", "--in-process", "--store", store))));

        Assert.That(runs.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", runs.Select(r => r.Stderr)));
        using var results = ResultStore.OpenReadOnly(store);
        Assert.That(results.Runs(), Has.Count.EqualTo(3));
        Assert.That(results.Configurations().Select(c => (c.Model, c.Status)), Is.EqualTo(Enumerable.Repeat(("squeezenet1_1", RunStatus.Ok), 3)));
        Assert.That(results.Configurations().Select(c => results.Samples(c.Id).Count), Is.All.EqualTo(3));
    }
}
