using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Tests.TestSupport;

/// <summary>
/// Opens inherited groups that the calling thread poisons on purpose: it starts a thread after the leader opened
/// and before the members did, so that thread's copy of the group has the leader only and the kernel refuses
/// every group read (ECHILD) until <see cref="Dispose"/> ends those threads. Call it on the counted thread.
/// </summary>
/// <remarks>
/// When the scheduler switches from the calling thread straight to the new thread, it may swap their (still
/// equal) counter contexts, and the kernel then refuses the next member with EINVAL instead; such an attempt is
/// made again.
/// </remarks>
public sealed class GroupPoisoner : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly List<Thread> _stragglers = [];

    /// <summary>Opens a poisoned group with <paramref name="builder"/>'s settings (its pid must be 0).</summary>
    public PerfCounterGroup Open(PerfEventBuilder builder, IReadOnlyList<IPerfEvent> events)
    {
        const int attempts = 100;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return builder.OpenGroupOnce(events, afterLeader: () =>
                {
                    var straggler = new Thread(_release.Wait);
                    straggler.Start();
                    _stragglers.Add(straggler);
                });
            }
            catch (PerfEventException e) when (e.Errno == "EINVAL" && attempt < attempts)
            {
            }
        }
    }

    /// <summary>Ends the threads that hold the poisoned copies.</summary>
    public void Dispose()
    {
        _release.Set();
        _stragglers.ForEach(straggler => straggler.Join());
        _release.Dispose();
    }
}
