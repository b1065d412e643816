using BenchmarkDotNet.Attributes;
using CnnPerf.Backends;
using CnnPerf.Benchmarks.Backends;
using CnnPerf.Frameworks.OnnxRuntime;
using CnnPerf.Frameworks.OpenCv;
using CnnPerf.Frameworks.TorchSharp;
using CnnPerf.Models;

namespace CnnPerf.Benchmarks.Frameworks;

/// <summary>
/// One inference of a zoo model on ONNX Runtime, OpenCV DNN and TorchSharp, including the backends' binding of the caller's
/// tensors (the allocation column shows that a run copies no tensor data into managed memory).
/// </summary>
[MemoryDiagnoser]
public class BackendInferenceBenchmarks
{
    private IInferenceSession _session = null!;
    private Tensor _input = null!;
    private Tensor _output = null!;

    /// <summary>The backend.</summary>
    [Params(OnnxRuntimeBackend.BackendName, OpenCvBackend.BackendName, TorchSharpBackend.BackendName)]
    public string Backend { get; set; } = OnnxRuntimeBackend.BackendName;

    /// <summary>The zoo model.</summary>
    [Params("squeezenet1_1", "mobilenet_v2")]
    public string Model { get; set; } = "squeezenet1_1";

    /// <summary>Threads per inference.</summary>
    [Params(1)]
    public int Threads { get; set; } = 1;

    /// <summary>Loads the model and allocates the tensors once.</summary>
    [GlobalSetup]
    public void Load()
    {
        var backend = BackendMeasurement.Backends().First(b => b.Name == Backend);
        _session = backend.Load(new ModelZoo().Get(Model), new BackendOptions(Threads));
        _input = Tensor.Random(_session.InputShape, 1);
        _output = new Tensor(_session.OutputShape);
    }

    /// <summary>One inference.</summary>
    [Benchmark]
    public void Run() => _session.Run(_input, _output);

    /// <summary>Releases the session.</summary>
    [GlobalCleanup]
    public void Unload() => _session.Dispose();
}
