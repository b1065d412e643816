using CnnPerf.Backends;
using CnnPerf.Counters;
using CnnPerf.Features;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Onnx;
using CnnPerf.Running;
using CnnPerf.Store;

namespace CnnPerf.Core.Tests.Studies;

/// <summary>
/// A small study written into a real results store: five small depthwise-separable networks saved as ONNX files, each
/// "measured" on onnxruntime at 1 and 2 threads and on opencv at 1 thread (opencv with a power meter). Layer times
/// follow a known cost per layer type (convolutions by MACs, depthwise ones dearer per MAC, the rest by bytes; batch
/// normalization fused away, so never timed), with a small deterministic ripple; network latency is 5% above the
/// layer sum plus 0.05 ms. <see cref="TrueLatency"/> gives the same latency for a network that is not in the store.
/// </summary>
internal static class SyntheticStudy
{
    public static readonly string[] Networks = ["net_a", "net_b", "net_c", "net_d", "net_e"];

    /// <summary>A network the store never measured.</summary>
    public const string Unseen = "net_unseen";

    private static readonly (string Backend, int Threads, double Speed, double? Watts)[] Backends =
        [("onnxruntime", 1, 1.0, null), ("onnxruntime", 2, 0.6, null), ("opencv", 1, 1.7, 6.0)];

    public static MachineContext Machine { get; } = new("synthetic-host", "AMD EPYC 9B14", "sse4_2 avx avx2 fma avx512f", 2, null, 2600, null,
        "6.18.0", "Debian GNU/Linux 12", ".NET 10.0.0", "0.1.0", new Dictionary<string, string?> { ["onnxruntime"] = "1.31.1", ["opencv"] = "4.13.0" },
        new Dictionary<string, double>());

    /// <summary>The number of configurations <see cref="Write"/> stores.</summary>
    public static int Configurations(bool withFailure) => Networks.Length * Backends.Length + (withFailure ? 1 : 0);

    /// <summary>Builds one of the networks (or <see cref="Unseen"/>).</summary>
    public static byte[] Build(string name)
    {
        var (width, blocks, resolution) = name switch
        {
            "net_a" => (16L, 3, 64L),
            "net_b" => (24L, 4, 80L),
            "net_c" => (32L, 5, 96L),
            "net_d" => (20L, 6, 112L),
            "net_e" => (40L, 4, 64L),
            Unseen => (28L, 5, 88L),
            _ => throw new ArgumentException($"no synthetic network '{name}'", nameof(name)),
        };
        var b = new OnnxGraphBuilder(name, seed: 7);
        var x = b.Input("input", 1, 3, resolution, resolution);
        x = b.Relu(b.BatchNormalization(b.Conv(x, width, 3, stride: 2, pad: 1, bias: false)));
        for (var i = 0; i < blocks; i++)
        {
            using (b.Scope($"block{i}"))
            {
                x = b.Relu(b.BatchNormalization(b.Conv(x, x.Channels, 3, pad: 1, groups: x.Channels, bias: false)));
                x = b.Relu(b.BatchNormalization(b.Conv(x, width * (i + 2) / 2, 1, bias: false)));
                if (i % 2 == 1)
                {
                    x = b.MaxPool(x, 2, 2);
                }
            }
        }

        return b.Output(b.Gemm(b.Flatten(b.GlobalAveragePool(x)), 10)).Build();
    }

    /// <summary>Saves a network as an ONNX file in <paramref name="folder"/> and returns its path.</summary>
    public static string Save(string name, string folder)
    {
        var path = Path.Combine(folder, name + ".onnx");
        OnnxModelFile.Save(Build(name), path);
        return path;
    }

    /// <summary>The latency the synthetic backend would measure for a network.</summary>
    public static double TrueLatency(ModelFeatures network, double speed) => 1.05 * LayerTimes(network, speed).Sum(l => l.MeanMilliseconds) + 0.05;

    /// <summary>
    /// Saves every network into <paramref name="folder"/> and writes the study into a store there; with
    /// <paramref name="withFailure"/>, also a crashed configuration.
    /// </summary>
    /// <returns>The store's path.</returns>
    public static string Write(string folder, bool withFailure = true)
    {
        var storePath = Path.Combine(folder, "results.db");
        using var store = ResultStore.Open(storePath);
        var run = store.BeginRun(Machine);
        foreach (var name in Networks)
        {
            var source = new ModelSource(name, Save(name, folder), ModelFormat.Onnx);
            var features = ModelFeatureExtractor.Extract(source);
            foreach (var configuration in Backends)
            {
                store.Save(run, Result(source, features, configuration.Backend, configuration.Threads, configuration.Speed, configuration.Watts));
            }
        }

        if (withFailure)
        {
            var crashed = RunConfiguration.For(new ModelSource("net_a", Path.Combine(folder, "net_a.onnx"), ModelFormat.Onnx), "opencv").WithThreads(2).Build();
            store.Save(run, RunResult.Failed(crashed, new RunFailure(FailureKind.Signal, "worker was killed by SIGSEGV (11)", null, 11, "segfault")));
        }

        return storePath;
    }

    /// <summary>One measured configuration of a network with the synthetic costs.</summary>
    public static RunResult Result(ModelSource source, ModelFeatures features, string backend, int threads, double speed, double? watts = null)
    {
        var layers = LayerTimes(features, speed);
        var latency = TrueLatency(features, speed);
        var configuration = RunConfiguration.For(source, backend).WithThreads(threads).Build();
        var ripple = 1 + 0.03 * Math.Sin(features.Macs % 97);
        var metrics = new List<MetricValue>
        {
            new(MetricIds.LatencyMean.Id, latency, "ms", Provenance.Measured),
            new(MetricIds.LatencyP50.Id, 0.98 * latency, "ms", Provenance.Measured),
            new(MetricIds.ThroughputFps.Id, 1000 / latency, "1/s", Provenance.Derived),
            new(MetricIds.CpuUtilizationCores.Id, threads * (0.8 + 0.1 * ripple), "cores", Provenance.Derived),
            new(MetricIds.SwTaskClock.Id, latency * threads * 0.9 * ripple, "ms", Provenance.Measured, 1.0),
            new(MetricIds.SwPageFaults.Id, features.WeightBytes / 4096.0 + 50 * ripple, "count", Provenance.Measured, 1.0),
            new(MetricIds.MemPeakRss.Id, 5e7 + features.WeightBytes * ripple, "bytes", Provenance.Measured),
            new(MetricIds.MeasuredInferences.Id, Math.Floor(500 / latency), "count", Provenance.Measured),
        };
        if (watts is { } w)
        {
            metrics.Add(new MetricValue(MetricIds.PowerMean.Id, w * ripple, "W", Provenance.Measured));
            metrics.Add(new MetricValue(MetricIds.EnergyPerInference.Id, w * ripple * latency, "mJ", Provenance.Measured));
        }

        var samples = Enumerable.Range(0, 6)
            .Select(i => new InferenceSample(i, 1_000_000L * i, latency * (1 + 0.02 * Math.Sin(i)), new Dictionary<string, double>()))
            .ToList();
        return new RunResult(configuration, RunStatus.Ok, metrics, samples, layers, new PhaseTimeline(1, 2, 3, 4),
            [
                new CounterStatus(MetricIds.HwCycles.Id, "cycles", "hardware", false, "ENOENT", "no PMU in this VM"),
                new CounterStatus(MetricIds.SwTaskClock.Id, "task-clock", "software", true, null, null),
            ],
            "1.0", null);
    }

    private static List<LayerTiming> LayerTimes(ModelFeatures network, double speed) =>
        network.Layers
            .Where(layer => layer.OpType != "BatchNormalization")
            .Select((layer, i) => new LayerTiming(layer.NodeName, layer.OpType, speed * (1 + 0.02 * Math.Sin(i)) * Cost(layer)))
            .ToList();

    private static double Cost(LayerFeatures layer) => layer.OpType switch
    {
        "Conv" when layer.Groups > 1 => 0.004 + layer.Macs * 2e-7,
        "Conv" => 0.004 + layer.Macs * 2.5e-8,
        "Gemm" => 0.002 + layer.Macs * 3e-8,
        _ => 0.001 + (layer.InputActivationBytes + layer.OutputActivationBytes) * 2e-8,
    };
}
