using System.Text.Json;
using CnnPerf.Core.Tests.Studies;
using CnnPerf.Features;

namespace CnnPerf.Cli.Tests.Commands;

public sealed class PredictCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-predict-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void PredictsAnOnnxFileTheStoreNeverMeasured()
    {
        var store = SyntheticStudy.Write(_folder);
        var model = SyntheticStudy.Save(SyntheticStudy.Unseen, Directory.CreateDirectory(Path.Combine(_folder, "mine")).FullName);

        var (exitCode, json, error) = CliRun.Invoke("predict", "--model", model, "--backend", "opencv", "--threads", "1", "--store", store, "--json");

        Assert.That(exitCode, Is.EqualTo(0), error);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo(SyntheticStudy.Unseen));
        Assert.That(root.GetProperty("backend").GetString(), Is.EqualTo("opencv"));
        Assert.That(root.GetProperty("threads").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("basis").GetString(), Is.EqualTo("layer-wise"));
        Assert.That(root.TryGetProperty("measured", out _), Is.False);
        var truth = SyntheticStudy.TrueLatency(ModelFeatureExtractor.Extract(SyntheticStudy.Build(SyntheticStudy.Unseen), SyntheticStudy.Unseen), 1.7);
        var predicted = root.GetProperty("predicted");
        var latency = predicted.GetProperty("latency.mean_ms").GetDouble();
        Assert.That(latency, Is.EqualTo(truth).Within(10).Percent);
        Assert.That(predicted.GetProperty("energy.per_inference_mj").GetDouble() / latency, Is.EqualTo(6.0).Within(3).Percent);
    }

    [Test]
    public void TextOutputNamesTheTrainingNetworksAndAnyMeasurement()
    {
        var store = SyntheticStudy.Write(_folder);

        var (exitCode, output, error) = CliRun.Invoke("predict", "--model", Path.Combine(_folder, "net_b.onnx"), "--backend", "onnxruntime", "--store", store);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.StartWith("net_b on onnxruntime at 1 thread(s), layer-wise prediction over "));
        Assert.That(output, Does.Contain("  latency.mean_ms "));
        Assert.That(output, Does.Not.Contain("energy.per_inference_mj"), "onnxruntime ran without a power meter");
        Assert.That(output, Does.Contain("(this network is in the store)"));
        Assert.That(output, Does.Contain("Trained on: net_a, net_b, net_c, net_d, net_e"));
    }

    [Test]
    public void NoTimingsForTheThreadCountIsAOneLineError()
    {
        var store = SyntheticStudy.Write(_folder);

        var (exitCode, output, error) = CliRun.Invoke("predict", "--model", Path.Combine(_folder, "net_a.onnx"), "--backend", "onnxruntime", "--threads", "3", "--store", store);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith($"cnnperf predict: the results store {store} has no per-layer timings for onnxruntime at 3 thread(s)"));
    }

    [Test]
    public void BadArgumentsAreUsageErrors()
    {
        var missing = Path.Combine(_folder, "none.db");

        Assert.That(CliRun.Invoke("predict", "--model", "resnet18", "--backend", "onnxruntime", "--store", missing).ExitCode, Is.EqualTo(2));
        var (exitCode, _, error) = CliRun.Invoke("predict", "--model", "resnet18", "--backend", "onnxruntime", "--threads", "0", "--store", missing);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.Trim(), Is.EqualTo("cnnperf predict: --threads must be at least 1, got 0"));
    }
}
