namespace CnnPerf.Frameworks.Managed.Threading;

/// <summary>A piece of work split into independent items that a <see cref="WorkerPool"/> runs in parallel.</summary>
internal interface IParallelWork
{
    /// <summary>Runs one item. <paramref name="worker"/> (0 = the calling thread) selects per-thread scratch memory.</summary>
    void Execute(int item, int worker);
}
