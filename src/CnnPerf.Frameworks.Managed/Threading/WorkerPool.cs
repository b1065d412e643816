namespace CnnPerf.Frameworks.Managed.Threading;

/// <summary>
/// A persistent pool of <c>threads - 1</c> worker threads plus the calling thread. <see cref="Run"/> gives each
/// thread a contiguous segment of the items (so that consecutive layers split the same way find their data in the
/// same core's cache) and hands them out dynamically, in runs of consecutive items (one atomic claim per run, about
/// <see cref="ClaimsPerThread"/> runs per thread, so that a layer of many tiny items such as the channels of a
/// small depthwise layer is not dominated by the claims); a thread that has finished its segment helps with the
/// others'. Returns when every item is done. Nothing is allocated per
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
    private int _segmentLength;
    private readonly Segment[] _segments;   // per thread: generation in the high 32 bits, next item of its segment in the low 32 bits
    private int _generation;
    private int _completed;
    private int _sleepers;
    private volatile bool _disposed;

    /// <summary>Creates a pool for <paramref name="threads"/> threads in total (the caller counts as one).</summary>
    public WorkerPool(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        _segments = new Segment[threads];
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
        // A claim still in flight from the previous run must fail: every counter moves to the new generation,
        // fully claimed, before the new run's parameters are written (a claimer reads its counter first, and its
        // compare-exchange fails once the counter has moved).
        for (var s = 0; s < _segments.Length; s++)
        {
            Volatile.Write(ref _segments[s].State, (long)generation << 32 | int.MaxValue);
        }
        _work = work;
        _count = count;
        _run = Math.Max(1, count / (Threads * ClaimsPerThread));
        _segmentLength = (count + Threads - 1) / Threads;
        _completed = 0;
        for (var s = 0; s < _segments.Length; s++)
        {
            Volatile.Write(ref _segments[s].State, (long)generation << 32 | (uint)Math.Min(count, s * _segmentLength));
        }
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
            int generation;
            while ((generation = Volatile.Read(ref _generation)) == seen)
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
            // The generation that ended the wait, not a fresh read: had the run ended and the pool been disposed
            // since the check above, a fresh read would take the disposal's generation as seen and wait forever.
            seen = generation;
            Drain(seen, worker);
        }
    }

    /// <summary>Runs the items of the worker's own segment, then helps with the others' segments.</summary>
    private void Drain(int generation, int worker)
    {
        for (var i = 0; i < _segments.Length; i++)
        {
            DrainSegment(generation, (worker + i) % _segments.Length, worker);
        }
    }

    private void DrainSegment(int generation, int segment, int worker)
    {
        ref var state = ref _segments[segment].State;
        while (true)
        {
            var current = Volatile.Read(ref state);
            if ((int)(current >> 32) != generation)
            {
                return;
            }
            var item = (int)(current & 0xFFFFFFFF);
            var segmentEnd = Math.Min(_count, (segment + 1) * _segmentLength);
            if (item >= segmentEnd)
            {
                return;
            }
            var end = Math.Min(item + _run, segmentEnd);
            if (Interlocked.CompareExchange(ref state, current + (end - item), current) != current)
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

    /// <summary>One thread's claim counter, alone on its cache line.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct Segment
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public long State;
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
