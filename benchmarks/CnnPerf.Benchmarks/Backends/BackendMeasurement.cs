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
/// single-image inferences, then print one result line for <see cref="BackendComparison"/> to parse.
/// </summary>
internal static class BackendMeasurement
{
    public const string Command = "backend-child";
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

    /// <summary>Parses the child's result line: (median wall ms, median CPU ms, peak RSS bytes), or the reason it did not run.</summary>
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
