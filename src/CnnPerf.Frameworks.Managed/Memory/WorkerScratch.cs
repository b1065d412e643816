namespace CnnPerf.Frameworks.Managed.Memory;

/// <summary>
/// Scratch memory sized for the most demanding layer of a plan: one block per worker thread, and one block shared
/// by all workers (a layer fills it in one parallel step and reads it in the next).
/// </summary>
internal sealed unsafe class WorkerScratch : IDisposable
{
    private readonly NativeBuffer[] _buffers;
    private readonly NativeBuffer _shared;

    /// <summary>Allocates <paramref name="workers"/> blocks of <paramref name="floatsPerWorker"/> floats and a shared block of <paramref name="sharedFloats"/>.</summary>
    public WorkerScratch(int workers, long floatsPerWorker, long sharedFloats = 0)
    {
        _buffers = new NativeBuffer[workers];
        for (var i = 0; i < workers; i++)
        {
            _buffers[i] = new NativeBuffer(floatsPerWorker);
        }
        _shared = new NativeBuffer(sharedFloats);
    }

    /// <summary>Total floats held.</summary>
    public long TotalFloats => _buffers.Sum(b => b.Length) + _shared.Length;

    /// <summary>The block shared by all workers.</summary>
    public float* Shared => _shared.Pointer;

    /// <summary>The block of worker <paramref name="worker"/>.</summary>
    public float* For(int worker) => _buffers[worker].Pointer;

    /// <summary>Frees every block.</summary>
    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }
        _shared.Dispose();
    }
}
