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
/// less, and the best round shows what a quiet stretch gives. Usage: <c>dotnet run -c Release -- backends [RUNS] [MODEL...]</c>.
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
        Console.WriteLine("ratios: of the median wall times (of the best wall times).");
        Console.WriteLine();
        var header = "| model | threads | " + string.Join(" | ", backends) + " | " + string.Join(" | ", backends.Skip(1).Select(b => $"managed/{b}")) + " | peak RSS MB (" + string.Join(", ", backends) + ") |";
        Console.WriteLine(header);
        Console.WriteLine("|" + string.Concat(Enumerable.Repeat(" --- |", header.Count(c => c == '|') - 1)));
        var problems = new List<string>();
        foreach (var model in models)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var rounds = Enumerable.Range(0, Rounds).Select(_ => backends.Select(b => Measure(b, model, threads, runs)).ToArray()).ToArray();
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
                Console.WriteLine($"| {model} | {threads} | {string.Join(" | ", cells)} | {string.Join(" | ", ratios)} | {string.Join(", ", rss)} |");
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

    private static (double Wall, double Cpu, long PeakRss, string? Problem) Measure(string backend, string model, int threads, int runs)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        var entry = typeof(BackendComparison).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(entry);
        }
        foreach (var argument in new[] { BackendMeasurement.Command, backend, model, threads.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture) })
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
