using System.Diagnostics;
using CnnPerf.Backends;
using CnnPerf.Frameworks.Managed.Layers;
using CnnPerf.Frameworks.Managed.Memory;
using CnnPerf.Frameworks.Managed.Planning;
using CnnPerf.Frameworks.Managed.Threading;

namespace CnnPerf.Frameworks.Managed;

/// <summary>
/// A model planned by the managed engine: layers with packed weights, activation buffers from the memory plan,
/// per-worker scratch and a persistent worker pool. <see cref="Run"/> allocates nothing. Not thread-safe.
/// </summary>
public sealed unsafe class ManagedSession : IInferenceSession
{
    private readonly string _modelName;
    private readonly Layer[] _layers;
    private readonly NativeBuffer[] _buffers;
    private readonly NativeBuffer[] _constants;
    private readonly WorkerPool _pool;
    private readonly WorkerScratch _scratch;
    private readonly Layers.ExecutionContext _context;
    private readonly int[] _inputValues;
    private readonly int _output;
    private bool _disposed;

    internal ManagedSession(string modelName, GraphPlan plan, ManagedSettings settings)
    {
        _modelName = modelName;
        _layers = plan.Layers.ToArray();
        var memory = MemoryPlan.Create(plan);
        _buffers = memory.BufferSizes.Select(size => new NativeBuffer(size)).ToArray();
        _constants = plan.Constants.Values.Select(v => NativeBuffer.From(v)).ToArray();
        _pool = new WorkerPool(settings.Threads);
        var scratch = _layers.Length == 0 ? 0 : _layers.Max(l => l.ScratchFloats);
        var shared = _layers.Length == 0 ? 0 : _layers.Max(l => l.SharedScratchFloats);
        _scratch = new WorkerScratch(settings.Threads, scratch, shared);
        _context = new Layers.ExecutionContext(plan.Shapes.Count, _pool, _scratch);
        var constantIndex = 0;
        var constantBuffers = new Dictionary<int, NativeBuffer>();
        foreach (var id in plan.Constants.Keys)
        {
            constantBuffers[id] = _constants[constantIndex++];
        }
        var inputValues = new List<int>();
        for (var id = 0; id < plan.Shapes.Count; id++)
        {
            var root = plan.Roots[id];
            if (root == plan.Roots[plan.Input])
            {
                inputValues.Add(id);
            }
            else if (constantBuffers.TryGetValue(root, out var constant))
            {
                _context[id] = constant.Pointer;
            }
            else if (memory.BufferOfRoot[root] >= 0)
            {
                _context[id] = _buffers[memory.BufferOfRoot[root]].Pointer + plan.Offsets[id];
            }
        }
        _inputValues = inputValues.ToArray();
        _output = plan.Output;
        InputShape = new TensorShape(plan.Shapes[plan.Input]);
        OutputShape = new TensorShape(plan.Shapes[plan.Output]);
        Settings = settings;
        Layers = _layers.Select(l => new ManagedLayerInfo(l.NodeName, l.OpType, (l as ConvolutionLayer)?.Kernel.Technique)).ToArray();
        ActivationBytes = memory.TotalFloats * sizeof(float);
        WeightBytes = _layers.Sum(l => l.WeightFloats) * sizeof(float) + _constants.Sum(c => c.Length) * sizeof(float);
        ScratchBytes = _scratch.TotalFloats * sizeof(float);
    }

    /// <inheritdoc />
    public TensorShape InputShape { get; }

    /// <inheritdoc />
    public TensorShape OutputShape { get; }

    /// <summary>The settings the session was planned with.</summary>
    public ManagedSettings Settings { get; }

    /// <summary>The planned steps in execution order, with the convolution technique chosen for each.</summary>
    public IReadOnlyList<ManagedLayerInfo> Layers { get; }

    /// <summary>Bytes of the activation buffers the memory plan needs.</summary>
    public long ActivationBytes { get; }

    /// <summary>Bytes of packed weights and constants.</summary>
    public long WeightBytes { get; }

    /// <summary>Bytes of per-thread scratch memory.</summary>
    public long ScratchBytes { get; }

    /// <inheritdoc />
    public void Run(Tensor input, Tensor output)
    {
        Check(input, output);
        fixed (float* source = input.Data)
        {
            Bind(source);
            foreach (var layer in _layers)
            {
                layer.Execute(_context);
            }
            CopyOutput(output);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<LayerTiming> ProfileLayers(Tensor input, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var output = new Tensor(OutputShape);
        Check(input, output);
        var ticks = new long[_layers.Length];
        fixed (float* source = input.Data)
        {
            Bind(source);
            for (var run = 0; run < runs; run++)
            {
                for (var i = 0; i < _layers.Length; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    _layers[i].Execute(_context);
                    ticks[i] += Stopwatch.GetTimestamp() - start;
                }
            }
            CopyOutput(output);
        }
        return _layers.Select((l, i) => new LayerTiming(l.NodeName, l.OpType, ticks[i] * 1000.0 / Stopwatch.Frequency / runs)).ToArray();
    }

    /// <summary>
    /// Bytes each worker thread of the session's pool has allocated on the managed heap since it started (the
    /// calling thread is not included: use <see cref="GC.GetAllocatedBytesForCurrentThread"/>). Steady-state runs
    /// add nothing to these counts.
    /// </summary>
    public IReadOnlyList<long> WorkerAllocatedBytes()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _pool.WorkerAllocatedBytes();
    }

    /// <summary>Stops the worker threads and frees all native memory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _pool.Dispose();
        foreach (var layer in _layers)
        {
            layer.Dispose();
        }
        foreach (var buffer in _buffers.Concat(_constants))
        {
            buffer.Dispose();
        }
        _scratch.Dispose();
    }

    private void Check(Tensor input, Tensor output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!input.Shape.Equals(InputShape) || !output.Shape.Equals(OutputShape))
        {
            throw new InferenceException(ManagedBackend.BackendName, _modelName,
                $"expected input {InputShape} and output {OutputShape}, got {input.Shape} and {output.Shape}");
        }
    }

    private void Bind(float* input)
    {
        foreach (var id in _inputValues)
        {
            _context[id] = input;
        }
    }

    private void CopyOutput(Tensor output)
    {
        new ReadOnlySpan<float>(_context[_output], output.Data.Length).CopyTo(output.Data);
    }
}
