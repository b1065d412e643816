using System.Text.Json;

namespace CnnPerf.Cli.Tests.Commands;

public sealed class VerifyCommandTests
{
    [Test]
    public void ZooModel_OpenCvAgreesWithOnnxRuntime()
    {
        var openCv = BackendCatalog.Get("opencv").Availability;
        Assume.That(openCv.IsAvailable, Is.True, $"OpenCV is unavailable here: {openCv.Reason}");

        var (exitCode, output, error) = CliRun.Invoke("verify", "--model", "squeezenet1_1", "--backends", "opencv", "--json");

        Assert.That(exitCode, Is.EqualTo(0), error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.That(report.GetProperty("reference").GetString(), Is.EqualTo("onnxruntime"));
        var result = report.GetProperty("results").EnumerateArray().Single();
        Assert.That(result.GetProperty("backend").GetString(), Is.EqualTo("opencv"));
        Assert.That(result.GetProperty("max_rel_diff").GetDouble(), Is.InRange(0.0, 1e-4));
        Assert.That(result.GetProperty("max_abs_diff").GetDouble(), Is.GreaterThanOrEqualTo(0.0));
        Assert.That(result.GetProperty("ok").GetBoolean(), Is.True);
    }

    [TestCase("managed,onnxruntime")]
    [TestCase("managed", "onnxruntime")]
    public void Backends_take_commas_and_spaces_alike(params string[] backends)
    {
        var (exitCode, output, error) = CliRun.Invoke(["verify", "--model", "squeezenet1_1", "--inputs", "1", "--json", "--backends", .. backends]);

        Assert.That(exitCode, Is.EqualTo(0), error);
        var results = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("backend").GetString());
        Assert.That(results, Is.EqualTo(new[] { "managed" }), "onnxruntime is the reference, not a candidate");
    }

    [Test]
    public void CorruptFile_FailsWithOneLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnperf-cli-corrupt-{Environment.ProcessId}.onnx");
        File.WriteAllBytes(path, [0x08, 0xff, 0xff, 0x7a, 0x01, 0x02]);
        try
        {
            var (exitCode, _, error) = CliRun.Invoke("verify", "--model", path, "--backends", "opencv");

            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.StartWith($"cnnperf verify: onnxruntime: model 'cnnperf-cli-corrupt-{Environment.ProcessId}': ").And.Contain("not a valid ONNX file"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void UnknownModelOrBackend_IsReported()
    {
        Assert.That(CliRun.Invoke("verify", "--model", "no_such_net").ExitCode, Is.EqualTo(1));
        var (exitCode, _, error) = CliRun.Invoke("verify", "--model", "resnet18", "--backends", "frobnitz");
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unknown backend 'frobnitz'"));
    }
}
