using System.Text.Json;

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
    [TestCase("--pin", "0-x", "--iterations", "1", "--pin: '0-x' is not a CPU number or range")]
    public void Inconsistent_options_are_usage_errors(string a, string b, string c, string d, string message)
    {
        var (exitCode, _, error) = CliRun.Invoke("run", "--model", "squeezenet1_1", "--backend", "onnxruntime", a, b, c, d);

        Assert.That(exitCode, Is.EqualTo(2));
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
}
