using System.Text.Json;
using CnnPerf.Cli.Tests.Commands;
using CnnPerf.Running;
using CnnPerf.Store;
using CnnPerf.Tests;

namespace CnnPerf.Cli.Tests;

/// <summary>The error rule of every command: one line on stderr and, under --json, {"error": ...} on stdout.</summary>
public class CommandRunnerTests
{
    [TestCase(2, "--json", "run", "--model", "squeezenet1_1", "--backend", "no_such_backend")]
    [TestCase(1, "--json", "run", "--model", "no_such_model", "--backend", "onnxruntime")]
    [TestCase(2, "--json", "run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--no-such-option")]
    [TestCase(2, "--json", "study", "--threads", "1,x")]
    [TestCase(1, "--json", "meters", "--read", "um25c:/dev/null")]
    public void An_error_before_any_output_is_one_json_object_on_stdout_and_one_line_on_stderr(int expectedExit, params string[] arguments)
    {
        var (exitCode, output, error) = CliRun.Invoke(arguments);

        Assert.That(exitCode, Is.EqualTo(expectedExit), error);
        var message = JsonDocument.Parse(output).RootElement.GetProperty("error").GetString()!;
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error.TrimEnd(), Does.EndWith(": " + message));
    }

    [Test]
    public void A_bad_store_and_a_store_without_layer_timings_are_json_errors_too()
    {
        using var folder = new TemporaryFolder();
        var empty = Path.Combine(folder.Path, "empty.db");
        File.WriteAllBytes(empty, []);
        var noLayers = Path.Combine(folder.Path, "no-layers.db");
        using (var store = ResultStore.Open(noLayers))
        {
            var configuration = RunConfiguration.For(new Models.ModelZoo().Resolve("squeezenet1_1"), "onnxruntime").WithIterations(1).Build();
            store.Save(store.BeginRun(MachineContextProbe.Capture([])), RunResult.Failed(configuration, new RunFailure(FailureKind.Error, "x")));
        }

        foreach (var arguments in new[]
                 {
                     new[] { "--json", "analyze", "--store", empty },
                     ["--json", "predict", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--store", noLayers],
                 })
        {
            var (exitCode, output, error) = CliRun.Invoke(arguments);

            Assert.That(exitCode, Is.EqualTo(1), error);
            Assert.That(JsonDocument.Parse(output).RootElement.GetProperty("error").GetString(), Is.Not.Empty);
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }
    }
}
