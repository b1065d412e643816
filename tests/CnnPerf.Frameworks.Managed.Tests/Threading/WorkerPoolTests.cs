using CnnPerf.Frameworks.Managed.Threading;

namespace CnnPerf.Frameworks.Managed.Tests.Threading;

public sealed class WorkerPoolTests
{
    private sealed class Counting(int items, int spin = 200) : IParallelWork
    {
        public int[] Hits { get; } = new int[items];
        public int[] Workers { get; } = new int[8];

        public void Execute(int item, int worker)
        {
            Interlocked.Increment(ref Hits[item]);
            Interlocked.Increment(ref Workers[worker]);
            Thread.SpinWait(spin);
        }
    }

    [TestCase(1), TestCase(2), TestCase(4)]
    public void EveryItemRunsExactlyOnceInEveryRun(int threads)
    {
        using var pool = new WorkerPool(threads);
        foreach (var items in new[] { 1, 2, 3, 17, 256, 1001 })
        {
            for (var run = 0; run < 200; run++)
            {
                var work = new Counting(items);
                pool.Run(work, items);
                Assert.That(work.Hits, Has.All.EqualTo(1), $"{items} items, run {run}");
                Assert.That(work.Workers.Skip(threads), Has.All.Zero);
            }
        }
    }

    [TestCase(2), TestCase(4)]
    public void BackToBackRunsOfAlternatingSizesNeitherLoseNorRepeatAnItem(int threads)
    {
        // A worker still leaving one run while the next, larger one is set up must not claim the new run's items.
        using var pool = new WorkerPool(threads);
        var finished = Task.Run(() =>
        {
            for (var run = 0; run < 20000; run++)
            {
                var items = run % 3 == 0 ? 2 : run % 3 == 1 ? 600 : 37;
                var work = new Counting(items, spin: 0);
                pool.Run(work, items);
                Assert.That(work.Hits, Has.All.EqualTo(1), $"{items} items, run {run}");
            }
        });
        Assert.That(finished.Wait(TimeSpan.FromMinutes(2)), Is.True, "a run never completed");
        finished.GetAwaiter().GetResult();
    }

    [TestCase(2), TestCase(4)]
    public void DisposingRightAfterARunStopsEveryWorker(int threads)
    {
        // A worker that saw a run start but had not yet taken its generation when the run ended and the pool was
        // disposed must still see the disposal, not wait for a run that never comes (Dispose would never return).
        var finished = Task.Run(() =>
        {
            for (var round = 0; round < 3000; round++)
            {
                var pool = new WorkerPool(threads);
                pool.Run(new Counting(threads, spin: 0), threads);
                pool.Dispose();
            }
        });
        Assert.That(finished.Wait(TimeSpan.FromMinutes(2)), Is.True, "Dispose never returned");
        finished.GetAwaiter().GetResult();
    }

    [Test]
    public void WorkersShareTheItems()
    {
        using var pool = new WorkerPool(2);
        var work = new Counting(20000);
        pool.Run(work, 20000);
        Assume.That(work.Workers[1], Is.Positive, "the worker thread never got a core while the caller ran 20000 items (machine too busy)");
        Assert.That(work.Workers[0] + work.Workers[1], Is.EqualTo(20000));
    }

    [Test]
    public void DisposedPoolRefusesWork()
    {
        var pool = new WorkerPool(2);
        pool.Dispose();
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Run(new Counting(1), 1));
    }
}
