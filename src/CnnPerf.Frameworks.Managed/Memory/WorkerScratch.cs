namespace CnnPerf.Frameworks.Managed.Memory;

/// <summary>One scratch block per worker thread, sized for the most demanding layer of a plan.</summary>
internal sealed unsafe class WorkerScratch : IDisposable
{
    private readonly NativeBuffer[] _buffers;

    /// <summary>Allocates <paramref name="workers"/> blocks of <paramref name="floatsPerWorker"/> floats.</summary>
    public WorkerScratch(int workers, long floatsPerWorker)
    {
        _buffers = new NativeBuffer[workers];
        for (var i = 0; i < workers; i++)
        {
            _buffers[i] = new NativeBuffer(floatsPerWorker);
        }
    }

    /// <summary>Total floats held.</summary>
    public long TotalFloats => _buffers.Sum(b => b.Length);

    /// <summary>The block of worker <paramref name="worker"/>.</summary>
    public float* For(int worker) => _buffers[worker].Pointer;

    /// <summary>Frees every block.</summary>
    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }
    }
}
