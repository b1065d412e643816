using CnnPerf.Frameworks.Managed.Memory;
using CnnPerf.Frameworks.Managed.Threading;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>What a layer needs while it runs: where every value lives, the worker pool and the scratch memory.</summary>
internal sealed unsafe class ExecutionContext(int valueCount, WorkerPool pool, WorkerScratch scratch)
{
    private readonly nint[] _values = new nint[valueCount];

    /// <summary>The worker pool.</summary>
    public WorkerPool Pool { get; } = pool;

    /// <summary>Scratch memory: a block per worker and one shared block.</summary>
    public WorkerScratch Scratch { get; } = scratch;

    /// <summary>The memory of value <paramref name="id"/>.</summary>
    public float* this[int id]
    {
        get => (float*)_values[id];
        set => _values[id] = (nint)value;
    }
}
