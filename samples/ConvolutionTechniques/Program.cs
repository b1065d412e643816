using System.Diagnostics;
using CnnPerf.Backends;
using CnnPerf.Counters;
using CnnPerf.Frameworks.Managed;
using CnnPerf.Models;

// Runs one network with each convolution technique of the managed engine and prints the median latency, the
// memory each plan needs and the Linux perf counters per inference, keeping the counters that differ.
// Usage: dotnet run -c Release -- [MODEL (zoo name or .onnx path, default resnet18)] [THREADS (1)] [RUNS (20)]
var modelName = args.Length > 0 ? args[0] : "resnet18";
var threads = args.Length > 1 ? int.Parse(args[1]) : 1;
var runs = args.Length > 2 ? int.Parse(args[2]) : 20;

ModelSource model;
try
{
    model = new ModelZoo().Resolve(modelName);
}
catch (CnnPerf.CnnPerfException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

var backend = new ManagedBackend();
Console.WriteLine($"{model.Name} on the managed engine {backend.Version}, {threads} thread(s), median of {runs} runs");
var rows = new List<(string Technique, double MedianMs, ManagedSession Plan, IReadOnlyDictionary<string, double> Counters)>();
IReadOnlyList<CounterStatus>? statuses = null;
foreach (var technique in Enum.GetValues<ConvolutionTechnique>())
{
    var options = new BackendOptions(threads, new Dictionary<string, string> { [ManagedSettings.ConvolutionSetting] = ManagedSettings.Format(technique) });
    // Counters open before the session creates its worker threads, so the workers inherit them.
    using var counters = new PerfCounterSource();
    statuses ??= counters.Probe();
    counters.Start();
    var session = backend.LoadSession(model, options);
    var input = Tensor.Random(session.InputShape, 1);
    var output = new Tensor(session.OutputShape);
    for (var i = 0; i < 3; i++)
    {
        session.Run(input, output);
    }
    var before = counters.Read();
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var start = Stopwatch.GetTimestamp();
        session.Run(input, output);
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    var delta = counters.Read().Since(before);
    Array.Sort(times);
    rows.Add((ManagedSettings.Format(technique), times[runs / 2], session,
        CounterMetrics.ToMetricValues(delta, perCount: runs).ToDictionary(m => m.Id, m => m.Value)));
    session.Dispose();
}

// A counter is shown when its per-inference value differs by more than 5% between two techniques.
var shown = rows.SelectMany(r => r.Counters.Keys).Distinct()
    .Where(id => rows.Select(r => r.Counters.GetValueOrDefault(id)).DefaultIfEmpty() is var values
        && values.Max() > 1.05 * values.Min() + 1e-9)
    .Order().ToList();
Console.WriteLine();
Console.WriteLine($"{"technique",-10} {"median ms",10} {"weights MB",11} {"activations MB",15} {"scratch MB",11} {string.Join(" ", shown.Select(s => $"{s,22}"))}");
foreach (var row in rows)
{
    Console.WriteLine($"{row.Technique,-10} {row.MedianMs,10:F2} {row.Plan.WeightBytes / 1e6,11:F1} {row.Plan.ActivationBytes / 1e6,15:F1} {row.Plan.ScratchBytes / 1e6,11:F2} "
        + string.Join(" ", shown.Select(id => $"{row.Counters.GetValueOrDefault(id),22:F1}")));
}
Console.WriteLine();
Console.WriteLine("Counters per inference (times in ms). Counters that did not differ by more than 5%: "
    + string.Join(", ", rows[0].Counters.Keys.Except(shown).Order()));
foreach (var status in statuses!.Where(s => !s.Available).GroupBy(s => s.Reason))
{
    Console.WriteLine($"unavailable here ({string.Join(", ", status.Select(s => s.EventName))}): {status.Key}");
}
Console.WriteLine();
Console.WriteLine("Techniques per convolution layer:");
foreach (var row in rows)
{
    var used = row.Plan.Layers.Where(l => l.Technique is not null).GroupBy(l => l.Technique!.Value).Select(g => $"{ManagedSettings.Format(g.Key)} x{g.Count()}");
    Console.WriteLine($"  conv={row.Technique,-10} {string.Join(", ", used)}");
}
return 0;
