using CnnPerf.Running;

namespace CnnPerf.Store;

/// <summary>A run (one study or one <c>cnnperf run</c>) as the store holds it.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="StartedUtc">When it started.</param>
/// <param name="Machine">The machine and software context.</param>
public sealed record StoredRun(long Id, DateTime StartedUtc, MachineContext Machine);
