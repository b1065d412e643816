using BenchmarkDotNet.Attributes;
using CnnPerf.Backends;
using CnnPerf.Frameworks.TorchSharp;
using CnnPerf.Models;

namespace CnnPerf.Benchmarks.TorchSharp;

/// <summary>One inference of a zoo model on the torchsharp backend (the ONNX interpreter on libtorch).</summary>
[MemoryDiagnoser]
public class TorchSharpInferenceBenchmarks
{
    private IInferenceSession? _session;
    private Tensor? _input;
    private Tensor? _output;

    /// <summary>The zoo model.</summary>
    [Params("resnet18", "mobilenet_v2")]
    public string Model { get; set; } = "resnet18";

    /// <summary>Torch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Load()
    {
        _session = new TorchSharpBackend().Load(new ModelZoo().Get(Model), new BackendOptions(Threads));
        _input = Tensor.Random(_session.InputShape, 1);
        _output = new Tensor(_session.OutputShape);
    }

    [Benchmark]
    public void Run() => _session!.Run(_input!, _output!);

    [GlobalCleanup]
    public void Dispose() => _session?.Dispose();
}
