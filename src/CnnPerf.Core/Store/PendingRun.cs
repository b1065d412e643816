using CnnPerf.Running;

namespace CnnPerf.Store;

/// <summary>
/// A run of a store (one study, or one <c>cnnperf run</c>) whose row is written together with its first configuration,
/// in the same transaction: a run never stands in the store without a configuration, even when that first save fails.
/// </summary>
public sealed class PendingRun
{
    internal PendingRun(MachineContext machine)
    {
        Machine = machine;
    }

    /// <summary>The machine and software context the run's row records.</summary>
    public MachineContext Machine { get; }

    /// <summary>The run's id in the store once its first configuration is saved; null before.</summary>
    public long? Id { get; internal set; }
}
