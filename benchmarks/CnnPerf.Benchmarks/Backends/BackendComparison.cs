using System.Diagnostics;
using System.Globalization;
using CnnPerf.Statistics;

namespace CnnPerf.Benchmarks.Backends;

/// <summary>
/// Managed engine vs ONNX Runtime vs OpenCV DNN vs TorchSharp, side by side in one run: median single-image
/// latency (wall and CPU time per inference) at 1 and 2 threads on resnet18, mobilenet_v2 and squeezenet1_1,
/// the managed/other ratios, and each backend's peak RSS. Every configuration runs in a fresh child process, and
/// each is measured in <see cref="Rounds"/> such processes, the backends taking turns, so that a stretch of
/// seconds in which a shared machine's neighbours slow everything down moves the reported median of the rounds
/// less, and the best round shows what a quiet stretch gives. A last column compares the managed engine with ONNX
/// Runtime in one process per round, the two taking turns run by run (<see cref="BackendMeasurement.RunPaired"/>):
/// both meet the same stretch of the machine, so that ratio does not move with the neighbours. Usage: <c>dotnet run -c Release -- backends [RUNS] [MODEL...]</c>.
/// </summary>
internal static class BackendComparison
{
    public const string Command = "backends";

    /// <summary>Child processes per configuration; the table shows the median of their medians and the best of them.</summary>
    public const int Rounds = 5;

    private static readonly string[] DefaultModels = ["resnet18", "mobilenet_v2", "squeezenet1_1"];

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var r) ? r : 30;
        var models = args.Length > 1 ? args[1..] : DefaultModels;
        var backends = BackendMeasurement.Backends().Select(b => b.Name).ToArray();
        Console.WriteLine($"{runs} timed runs per configuration after 10 warm-up runs, in each of {Rounds} child processes per configuration, backends taking turns.");
        Console.WriteLine("Times in ms per inference: median wall / median CPU of all threads (best wall), medians and best over the child processes;");
        Console.WriteLine("ratios: of the median wall times (of the best wall times); paired: managed/onnxruntime in one process, taking turns run by run,");
        Console.WriteLine("median (lowest, highest) over the child processes.");
        Console.WriteLine();
        var header = "| model | threads | " + string.Join(" | ", backends) + " | " + string.Join(" | ", backends.Skip(1).Select(b => $"managed/{b}")) + " | paired managed/onnxruntime | peak RSS MB (" + string.Join(", ", backends) + ") |";
        Console.WriteLine(header);
        Console.WriteLine("|" + string.Concat(Enumerable.Repeat(" --- |", header.Count(c => c == '|') - 1)));
        var problems = new List<string>();
        foreach (var model in models)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var rounds = Enumerable.Range(0, Rounds).Select(_ => backends.Select(b => Measure(b, model, threads, runs)).ToArray()).ToArray();
                var paired = Enumerable.Range(0, Rounds).Select(_ => MeasurePaired(backends[0], backends[1], model, threads, runs)).ToList();
                if (paired.FirstOrDefault(p => p.Problem is not null).Problem is { } pairedProblem)
                {
                    problems.Add($"paired {model} t={threads}: {pairedProblem}");
                }
                var pairedRatios = paired.Where(p => p.Problem is null).Select(p => p.First / p.Second).Order().ToArray();
                var pairedCell = pairedRatios.Length == 0 ? "n/a" : $"{SampleStatistics.Median(pairedRatios):F2} ({pairedRatios[0]:F2} .. {pairedRatios[^1]:F2})";
                var results = backends.Select((_, i) => Summarize(rounds.Select(round => round[i]).ToList())).ToArray();
                for (var i = 0; i < backends.Length; i++)
                {
                    if (results[i].Problem is { } problem)
                    {
                        problems.Add($"{backends[i]} {model} t={threads}: {problem}");
                    }
                }
                var cells = results.Select(x => x.Problem is null ? $"{x.Wall:F1} / {x.Cpu:F1} ({x.BestWall:F1})" : "n/a");
                var ratios = results.Skip(1).Select(x => x.Problem is not null || results[0].Problem is not null
                    ? "n/a" : $"{results[0].Wall / x.Wall:F2} ({results[0].BestWall / x.BestWall:F2})");
                var rss = results.Select(x => x.Problem is null ? (x.PeakRss / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) : "n/a");
                Console.WriteLine($"| {model} | {threads} | {string.Join(" | ", cells)} | {string.Join(" | ", ratios)} | {pairedCell} | {string.Join(", ", rss)} |");
            }
        }
        foreach (var problem in problems)
        {
            Console.WriteLine($"not measured: {problem}");
        }
        return 0;
    }

    /// <summary>The median wall and CPU time, the best wall time and the largest peak RSS over the rounds, or the first round's problem.</summary>
    private static Summary Summarize(IReadOnlyList<(double Wall, double Cpu, long PeakRss, string? Problem)> rounds)
    {
        if (rounds.FirstOrDefault(r => r.Problem is not null) is { Problem: not null } failed)
        {
            return new Summary(double.NaN, double.NaN, double.NaN, 0, failed.Problem);
        }
        return new Summary(SampleStatistics.Median(rounds.Select(r => r.Wall).ToArray()), SampleStatistics.Median(rounds.Select(r => r.Cpu).ToArray()),
            rounds.Min(r => r.Wall), rounds.Max(r => r.PeakRss), null);
    }

    /// <summary>One backend's figures for one configuration over all rounds.</summary>
    private sealed record Summary(double Wall, double Cpu, double BestWall, long PeakRss, string? Problem);

    private static (double Wall, double Cpu, long PeakRss, string? Problem) Measure(string backend, string model, int threads, int runs) =>
        RunChild(BackendMeasurement.Command, backend, model, threads.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture));

    /// <summary>The paired child's median times of <paramref name="first"/> and <paramref name="second"/>, or why it did not run.</summary>
    private static (double First, double Second, string? Problem) MeasurePaired(string first, string second, string model, int threads, int runs)
    {
        var (firstMedian, secondMedian, _, problem) = RunChild(BackendMeasurement.PairedCommand, first, second, model,
            threads.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture));
        return (firstMedian, secondMedian, problem);
    }

    private static (double Wall, double Cpu, long PeakRss, string? Problem) RunChild(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        var entry = typeof(BackendComparison).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(entry);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var stdout = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return BackendMeasurement.Parse(stdout, stderr.Result, child.ExitCode);
    }
}
