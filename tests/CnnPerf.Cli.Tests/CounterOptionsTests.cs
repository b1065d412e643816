using CnnPerf.Cli.Tests.Commands;
using CnnPerf.Simulation;

namespace CnnPerf.Cli.Tests;

/// <summary><c>--counters</c> and the simulation options of <c>run</c> and <c>study</c>: errors before any measurement.</summary>
public class CounterOptionsTests
{
    [Test]
    public void Simulated_counters_without_valgrind_fail_naming_the_package()
    {
        var previous = Environment.GetEnvironmentVariable(Valgrind.EnvironmentVariable);
        Environment.SetEnvironmentVariable(Valgrind.EnvironmentVariable, "/nonexistent/valgrind");
        var output = Directory.CreateTempSubdirectory("cnnperf-no-valgrind-").FullName;
        try
        {
            foreach (var command in new[] { "run", "study" })
            {
                var (exitCode, _, error) = command == "run"
                    ? CliRun.Invoke("run", "--model", "squeezenet1_1", "--backend", "onnxruntime", "--counters", "simulated")
                    : CliRun.Invoke("study", "--models", "squeezenet1_1", "--backends", "onnxruntime", "--counters", "simulated", "--out", output);

                Assert.That(exitCode, Is.EqualTo(1), command);
                Assert.That(error.Trim(), Does.Contain("install the Debian package 'valgrind'"), command);
                Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), $"{command}: one line");
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(Valgrind.EnvironmentVariable, previous);
            Directory.Delete(output, recursive: true);
        }
    }

    [TestCase("--sim-cache", "D1=48K,4,64", "power-of-two")]
    [TestCase("--sim-cache", "pentium", "is not a cache level")]
    [TestCase("--sim-inferences", "0", "simulated inferences must be at least 1")]
    [TestCase("--sim-budget", "0", "--sim-budget 0 is not a positive number of seconds")]
    [TestCase("--sim-timeout", "NaN", "--sim-timeout NaN is not a positive number of seconds")]
    [TestCase("--counters", "magic", "magic")]
    public void Bad_simulation_options_are_usage_errors(string option, string value, string expected)
    {
        string[] mode = option == "--counters" ? [] : ["--counters", "simulated"];
        var (exitCode, _, error) = CliRun.Invoke(["run", "--model", "squeezenet1_1", "--backend", "onnxruntime", .. mode, option, value]);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain(expected));
    }
}
