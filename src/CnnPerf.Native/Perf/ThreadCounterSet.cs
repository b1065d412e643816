using CnnPerf.Native.Processes;

namespace CnnPerf.Native.Perf;

/// <summary>
/// One counter group per thread that already exists in a process (from <c>/proc/PID/task</c>), for the
/// threads <c>inherit</c> cannot reach. Owns every group; threads that exit between listing and opening are
/// skipped. Readings of a thread that exited keep its final counts.
/// </summary>
public sealed class ThreadCounterSet : IDisposable
{
    private readonly Dictionary<int, PerfCounterGroup> _groups;
    private bool _disposed;

    private ThreadCounterSet(IReadOnlyList<IPerfEvent> events, Dictionary<int, PerfCounterGroup> groups)
    {
        Events = events;
        _groups = groups;
    }

    /// <summary>The events of every group.</summary>
    public IReadOnlyList<IPerfEvent> Events { get; }

    /// <summary>The ids of the counted threads.</summary>
    public IReadOnlyCollection<int> ThreadIds => _groups.Keys;

    /// <summary>Opens a group on every current thread of this process (listed in <c>/proc/self/task</c>).</summary>
    /// <param name="builder">Settings; its <see cref="PerfEventBuilder.Pid"/> is replaced by each thread id.</param>
    /// <param name="events">The events of each group.</param>
    /// <returns>The set; the caller owns and disposes it.</returns>
    public static ThreadCounterSet OpenForCurrentProcess(PerfEventBuilder builder, IReadOnlyList<IPerfEvent> events) =>
        Open(builder, events, new ProcFs().ThreadIds());

    /// <summary>Opens a group on each of <paramref name="threadIds"/>.</summary>
    /// <returns>The set; the caller owns and disposes it.</returns>
    public static ThreadCounterSet Open(PerfEventBuilder builder, IReadOnlyList<IPerfEvent> events, IEnumerable<int> threadIds)
    {
        var groups = new Dictionary<int, PerfCounterGroup>();
        try
        {
            foreach (var tid in threadIds)
            {
                try
                {
                    groups[tid] = (builder with { Pid = tid }).OpenGroup(events);
                }
                catch (PerfEventException e) when (e.Errno == "ESRCH")
                {
                    // The thread exited after it was listed: nothing to count.
                }
            }
            return new ThreadCounterSet(events, groups);
        }
        catch
        {
            foreach (var group in groups.Values)
            {
                group.Dispose();
            }
            throw;
        }
    }

    /// <summary>Enables every group.</summary>
    public void Enable() => ForEach(group => group.Enable());

    /// <summary>Disables every group.</summary>
    public void Disable() => ForEach(group => group.Disable());

    /// <summary>Reads every thread's group.</summary>
    public IReadOnlyDictionary<int, GroupReading> ReadPerThread()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _groups.ToDictionary(pair => pair.Key, pair => pair.Value.Read());
    }

    /// <summary>The sum over all threads.</summary>
    public GroupReading Read() => GroupReading.Sum(Events, ReadPerThread().Values);

    /// <summary>Closes every group.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var group in _groups.Values)
        {
            group.Dispose();
        }
    }

    private void ForEach(Action<PerfCounterGroup> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var group in _groups.Values)
        {
            action(group);
        }
    }
}
