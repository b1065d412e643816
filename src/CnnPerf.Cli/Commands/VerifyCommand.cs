using System.CommandLine;
using System.Globalization;
using CnnPerf.Backends;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Models;
using CnnPerf.Verification;

namespace CnnPerf.Cli.Commands;

/// <summary>
/// <c>cnnperf verify --model NAME_OR_PATH [--backends a,b]</c>: the same seeded random inputs through ONNX
/// Runtime and every other (available, or named) backend; exit code 1 when any disagrees or fails.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Creates the command.</summary>
    internal static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A zoo model name, an .onnx file, or a Caffe .prototxt with its .caffemodel beside it", Required = true };
        var backends = ListOption.Create("--backends", "Backends to compare with onnxruntime (default: every available one)");
        var threads = new Option<int>("--threads") { Description = "Threads per backend", DefaultValueFactory = _ => 1 };
        var inputs = new Option<int>("--inputs") { Description = "Number of random inputs", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the first random input", DefaultValueFactory = _ => 1 };
        var command = new Command("verify", "Check that every backend computes the same outputs as ONNX Runtime on a model")
        {
            model, backends, threads, inputs, seed, ModelsCommand.CacheDirectory,
        };
        command.SetWork(parseResult =>
        {
            var threadCount = ThreadCounts.Check(threads, parseResult.GetValue(threads));
            var inputCount = parseResult.GetValue(inputs);
            if (inputCount < 1)
            {
                throw new UsageException($"--inputs must be at least 1, got {inputCount}");
            }
            var candidates = Candidates(parseResult.Items(backends));
            var source = new ModelZoo(parseResult.GetValue(ModelsCommand.CacheDirectory)).Resolve(parseResult.GetValue(model)!);
            var report = BackendVerifier.Verify(
                source, BackendCatalog.Get(OnnxRuntimeBackend.BackendName), candidates, new BackendOptions(threadCount), inputCount, parseResult.GetValue(seed));
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(report);
            }
            else
            {
                WriteTable(report);
            }
            return report.AllOk ? CliApplication.Success : CliApplication.WorkFailed;
        });
        return command;
    }

    private static List<IInferenceBackend> Candidates(string[]? names)
    {
        if (names is null)
        {
            var available = BackendCatalog.All().Where(b => b.Name != OnnxRuntimeBackend.BackendName && b.Availability.IsAvailable).ToList();
            return available.Count > 0
                ? available
                : throw new CnnPerfException("no backend besides onnxruntime is available here to compare with it (see 'cnnperf backends')");
        }
        var requested = names
            .Where(n => n != OnnxRuntimeBackend.BackendName)
            .Distinct()
            .Select(BackendCatalog.Get)
            .ToList();
        return requested.Count > 0
            ? requested
            : throw new UsageException("--backends names no backend besides the reference onnxruntime");
    }

    private static void WriteTable(VerificationReport report)
    {
        Console.Out.WriteLine($"model {report.Model}: reference {report.Reference}, tolerance {report.Tolerance.ToString("G", CultureInfo.InvariantCulture)} on max_rel_diff");
        Console.Out.WriteLine($"{"backend",-12} {"max_abs_diff",12} {"max_rel_diff",12}  result");
        foreach (var result in report.Results)
        {
            var verdict = result.Error is not null ? $"FAILED: {result.Error}" : result.Ok ? "ok" : "DISAGREES";
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Backend,-12} {result.MaxAbsDiff,12:G3} {result.MaxRelDiff,12:G3}  {verdict}"));
        }
    }
}
