using System.Diagnostics;
using System.Globalization;
using CnnPerf.Backends;
using CnnPerf.Frameworks.Managed;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Frameworks.OpenCv;
using CnnPerf.Frameworks.TorchSharp;
using CnnPerf.Models;
using CnnPerf.Running;
using CnnPerf.Statistics;

namespace CnnPerf.Benchmarks.Backends;

/// <summary>
/// One configuration measured in its own process (so peak RSS belongs to one backend): load, warm up, time
/// single-image inferences, then print one result line for <see cref="BackendComparison"/> to parse. A paired
/// child times two backends in one process instead (<see cref="RunPaired"/>).
/// </summary>
internal static class BackendMeasurement
{
    public const string Command = "backend-child";
    public const string PairedCommand = "paired-child";

    /// <summary>Timed runs per turn of a paired child.</summary>
    private const int RunsPerTurn = 5;

    /// <summary>Idle time before each turn of a paired child.</summary>
    private static readonly TimeSpan PauseBetweenTurns = TimeSpan.FromMilliseconds(150);

    private const string Marker = "RESULT";

    public static IReadOnlyList<IInferenceBackend> Backends() =>
        [new ManagedBackend(), new OnnxRuntimeBackend(), new OpenCvBackend(), new TorchSharpBackend()];

    /// <summary>Child entry point: <c>backend-child BACKEND MODEL THREADS RUNS</c>.</summary>
    public static int Run(string[] args)
    {
        var backend = Backends().First(b => b.Name == args[0]);
        var threads = int.Parse(args[2], CultureInfo.InvariantCulture);
        var runs = int.Parse(args[3], CultureInfo.InvariantCulture);
        if (!backend.Availability.IsAvailable)
        {
            Console.WriteLine($"{Marker} unavailable {backend.Availability.Reason}");
            return 0;
        }
        var model = new ModelZoo().Get(args[1]);
        using var session = backend.Load(model, new BackendOptions(threads));
        var input = Tensor.Random(session.InputShape, 1);
        var output = new Tensor(session.OutputShape);
        for (var i = 0; i < 10; i++)
        {
            session.Run(input, output);
        }
        var wall = new double[runs];
        var cpu = new double[runs];
        var process = new LinuxProcessProbe();
        for (var i = 0; i < runs; i++)
        {
            var cpuStart = process.CpuTime();
            var start = Stopwatch.GetTimestamp();
            session.Run(input, output);
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = (process.CpuTime() - cpuStart).TotalMilliseconds;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Marker} ok {SampleStatistics.Median(wall):F3} {SampleStatistics.Median(cpu):F3} {process.PeakResidentBytes()}"));
        return 0;
    }

    /// <summary>
    /// Child entry point: <c>paired-child BACKEND_A BACKEND_B MODEL THREADS RUNS</c>. Both backends are loaded in
    /// one process and take turns, so that both meet the same stretch of a shared machine: each turn is a pause
    /// of <see cref="PauseBetweenTurns"/> (idle threads of the other backend, which spin for tens of milliseconds
    /// after a run, go to sleep), one untimed run and <see cref="RunsPerTurn"/> timed runs. Prints the median times
    /// of both.
    /// </summary>
    public static int RunPaired(string[] args)
    {
        var backends = Backends();
        var first = backends.First(b => b.Name == args[0]);
        var second = backends.First(b => b.Name == args[1]);
        var threads = int.Parse(args[3], CultureInfo.InvariantCulture);
        var runs = int.Parse(args[4], CultureInfo.InvariantCulture);
        if (new[] { first, second }.FirstOrDefault(b => !b.Availability.IsAvailable) is { } unavailable)
        {
            Console.WriteLine($"{Marker} unavailable {unavailable.Name}: {unavailable.Availability.Reason}");
            return 0;
        }
        var model = new ModelZoo().Get(args[2]);
        using var a = first.Load(model, new BackendOptions(threads));
        using var b = second.Load(model, new BackendOptions(threads));
        var input = Tensor.Random(a.InputShape, 1);
        var output = new Tensor(a.OutputShape);
        for (var i = 0; i < 10; i++)
        {
            a.Run(input, output);
            b.Run(input, output);
        }
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (var turn = 0; turn < Math.Max(1, runs / RunsPerTurn); turn++)
        {
            Turn(a, input, output, timesA);
            Turn(b, input, output, timesB);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Marker} ok {SampleStatistics.Median(timesA.ToArray()):F3} {SampleStatistics.Median(timesB.ToArray()):F3} 0"));
        return 0;
    }

    private static void Turn(IInferenceSession session, Tensor input, Tensor output, List<double> times)
    {
        Thread.Sleep(PauseBetweenTurns);
        session.Run(input, output);
        for (var i = 0; i < RunsPerTurn; i++)
        {
            var start = Stopwatch.GetTimestamp();
            session.Run(input, output);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Parses a child's result line: (median wall ms, median CPU ms, peak RSS bytes), or for a paired child (median
    /// ms of the first backend, of the second, 0); or the reason it did not run.
    /// </summary>
    public static (double Wall, double Cpu, long PeakRss, string? Problem) Parse(string stdout, string stderr, int exitCode)
    {
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (line is null)
        {
            var reason = stderr.Split('\n').FirstOrDefault(l => l.Length > 0) ?? $"exit code {exitCode}";
            return (double.NaN, double.NaN, 0, reason.Trim());
        }
        var parts = line.Split(' ', 3);
        if (parts[1] != "ok")
        {
            return (double.NaN, double.NaN, 0, parts.Length > 2 ? parts[2] : "unavailable");
        }
        var values = line.Split(' ');
        return (double.Parse(values[2], CultureInfo.InvariantCulture), double.Parse(values[3], CultureInfo.InvariantCulture),
            long.Parse(values[4], CultureInfo.InvariantCulture), null);
    }
}
