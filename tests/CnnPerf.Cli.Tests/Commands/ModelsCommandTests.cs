using System.Text.Json;
using CnnPerf.Models;

namespace CnnPerf.Cli.Tests.Commands;

public class ModelsCommandTests
{
    private string _cache = "";

    [OneTimeSetUp]
    public void CreateCache() => _cache = Directory.CreateTempSubdirectory("cnnperf-cli-models-").FullName;

    [OneTimeTearDown]
    public void DeleteCache() => Directory.Delete(_cache, recursive: true);

    [Test]
    public void Json_lists_every_zoo_model_with_its_parameters_and_MACs()
    {
        var (exitCode, output, _) = Run("models", "--json", "--cache-dir", _cache);

        Assert.That(exitCode, Is.EqualTo(0));
        var models = JsonDocument.Parse(output).RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.That(models.Select(m => m.GetProperty("name").GetString()), Is.EqualTo(ModelZoo.Models.Select(m => m.Name)));
        var resnet18 = models.Single(m => m.GetProperty("name").GetString() == "resnet18");
        Assert.That(resnet18.GetProperty("params").GetInt64(), Is.EqualTo(11_689_512));
        Assert.That(resnet18.GetProperty("macs").GetInt64(), Is.EqualTo(1_814_073_344));
        Assert.That(resnet18.GetProperty("source").GetString(), Is.EqualTo("zoo"));
        Assert.That(File.Exists(resnet18.GetProperty("path").GetString()));
        var cntk = models.Single(m => m.GetProperty("name").GetString() == "resnet18_cntk");
        Assert.That(cntk.GetProperty("source").GetString(), Is.EqualTo("nuget"));
        Assert.That(cntk.GetProperty("available").GetBoolean(), Is.True, cntk.ToString());
    }

    [Test]
    public void The_table_shows_one_row_per_model()
    {
        var (exitCode, output, _) = Run("models", "--cache-dir", _cache);

        Assert.That(exitCode, Is.EqualTo(0));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(ModelZoo.Models.Count + 1));
        Assert.That(lines.Single(l => l.StartsWith("mobilenet_v2 ", StringComparison.Ordinal)), Does.Contain("3,504,872").And.Contain("0.301"));
    }

    [Test]
    public void Layers_of_a_user_file_are_listed_with_their_features()
    {
        var path = Path.Combine(_cache, "user.onnx");
        File.WriteAllBytes(path, ModelZoo.Build("squeezenet1_1"));

        var (exitCode, output, _) = Run("models", "--json", "--model", path);

        Assert.That(exitCode, Is.EqualTo(0));
        var document = JsonDocument.Parse(output).RootElement;
        Assert.That(document.GetProperty("name").GetString(), Is.EqualTo("user"));
        Assert.That(document.GetProperty("parameters").GetInt64(), Is.EqualTo(1_235_496));
        var first = document.GetProperty("layers")[0];
        Assert.That(first.GetProperty("op_type").GetString(), Is.EqualTo("Conv"));
        Assert.That(first.GetProperty("macs").GetInt64(), Is.EqualTo(111L * 111 * 64 * 3 * 3 * 3));
    }

    [Test]
    public void An_unknown_model_is_a_one_line_error_and_exit_code_1()
    {
        var (exitCode, output, error) = Run("models", "--model", "no_such_model");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.Contain("'no_such_model' is neither a zoo model"));
    }

    [Test]
    public void A_corrupt_file_is_a_one_line_error()
    {
        var path = Path.Combine(_cache, "corrupt.onnx");
        File.WriteAllBytes(path, [0x0A, 0xFF, 0xFF, 0xFF]);

        var (exitCode, _, error) = Run("models", "--model", path);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("not a valid ONNX file"));
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => CliRun.Invoke(args);
}
