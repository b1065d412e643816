namespace CnnPerf.Frameworks.Managed.Threading;

/// <summary>
/// A persistent pool of <c>threads - 1</c> worker threads plus the calling thread. <see cref="Run"/> hands out
/// items dynamically, in runs of consecutive items (one atomic claim per run, about
/// <see cref="ClaimsPerThread"/> runs per thread, so that a layer of many tiny items such as the channels of a
/// small depthwise layer is not dominated by the claims), and returns when every item is done. Nothing is allocated per
/// run: no Task, no closure. Idle workers spin briefly, then block on a semaphore.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private const int SpinIterations = 2000;

    /// <summary>Runs of items per thread that one <see cref="Run"/> is split into, at most.</summary>
    private const int ClaimsPerThread = 8;

    private readonly Thread[] _threads;
    private readonly SemaphoreSlim _wake = new(0);
    private IParallelWork? _work;
    private int _count;
    private int _run;
    private long _state;       // generation in the high 32 bits, next item in the low 32 bits
    private int _generation;
    private int _completed;
    private int _sleepers;
    private volatile bool _disposed;

    /// <summary>Creates a pool for <paramref name="threads"/> threads in total (the caller counts as one).</summary>
    public WorkerPool(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        _threads = new Thread[threads - 1];
        for (var i = 0; i < _threads.Length; i++)
        {
            var worker = i + 1;
            _threads[i] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"cnnperf-managed-{worker}" };
            _threads[i].Start();
        }
    }

    /// <summary>Number of threads that run items, the caller included.</summary>
    public int Threads { get; }

    /// <summary>Runs items 0..count-1 of <paramref name="work"/> and returns when all are done.</summary>
    public void Run(IParallelWork work, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_threads.Length == 0 || count == 1)
        {
            for (var i = 0; i < count; i++)
            {
                work.Execute(i, 0);
            }
            return;
        }
        var generation = _generation + 1;
        _work = work;
        _count = count;
        _run = Math.Max(1, count / (Threads * ClaimsPerThread));
        _completed = 0;
        Volatile.Write(ref _state, (long)generation << 32);
        Interlocked.Exchange(ref _generation, generation);
        var sleepers = Volatile.Read(ref _sleepers);
        if (sleepers > 0)
        {
            _wake.Release(sleepers);
        }
        Drain(generation, 0);
        var spin = new SpinWait();
        while (Volatile.Read(ref _completed) < count)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// Bytes each worker thread (not the caller) has allocated on the managed heap since it started, read on the
    /// worker itself: every worker takes exactly one item of a probe that waits until all have arrived.
    /// </summary>
    public long[] WorkerAllocatedBytes()
    {
        var probe = new AllocationProbe(Threads);
        Run(probe, Threads);
        return probe.Bytes[1..];
    }

    /// <summary>Stops the worker threads.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Interlocked.Increment(ref _generation);
        _wake.Release(_threads.Length + 1);
        foreach (var thread in _threads)
        {
            thread.Join();
        }
        _wake.Dispose();
    }

    private void WorkerLoop(int worker)
    {
        var seen = 0;
        while (true)
        {
            var spins = 0;
            while (Volatile.Read(ref _generation) == seen)
            {
                if (spins++ < SpinIterations)
                {
                    Thread.SpinWait(16);
                    continue;
                }
                Interlocked.Increment(ref _sleepers);
                if (Volatile.Read(ref _generation) == seen)
                {
                    _wake.Wait();
                }
                Interlocked.Decrement(ref _sleepers);
                spins = 0;
            }
            if (_disposed)
            {
                return;
            }
            seen = Volatile.Read(ref _generation);
            Drain(seen, worker);
        }
    }

    private void Drain(int generation, int worker)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var item = (int)(state & 0xFFFFFFFF);
            if ((int)(state >> 32) != generation || item >= _count)
            {
                return;
            }
            var end = Math.Min(item + _run, _count);
            if (Interlocked.CompareExchange(ref _state, state + (end - item), state) != state)
            {
                continue;
            }
            for (var i = item; i < end; i++)
            {
                _work!.Execute(i, worker);
            }
            Interlocked.Add(ref _completed, end - item);
        }
    }

    private sealed class AllocationProbe(int threads) : IParallelWork
    {
        private int _arrived;

        public long[] Bytes { get; } = new long[threads];

        public void Execute(int item, int worker)
        {
            Bytes[worker] = GC.GetAllocatedBytesForCurrentThread();
            Interlocked.Increment(ref _arrived);
            var spin = new SpinWait();
            while (Volatile.Read(ref _arrived) < Bytes.Length)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
    }
}
