namespace CnnPerf.Counters;

/// <summary>
/// A source of counters for the current process (hardware and software events, or simulated ones).
/// The runner starts it before the backend creates its threads and reads it as deltas around phases and
/// inferences.
/// </summary>
public interface ICounterSource : IDisposable
{
    /// <summary>Short name, for example <c>perf</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Every counter this source knows, available or not, with the reason when not. After <see cref="Start"/>
    /// it also reports, as unavailable with the reason, the counters that failed to open or stopped counting
    /// mid-run.
    /// </summary>
    IReadOnlyList<CounterStatus> Probe();

    /// <summary>
    /// Opens and enables the available counters for the calling process, inheriting to threads created from
    /// now on. Call it before the backend creates its thread pool.
    /// </summary>
    void Start();

    /// <summary>
    /// Reads every open counter (cumulative since <see cref="Start"/>). A counter that fails to read is left out
    /// of this and every later snapshot, and <see cref="Probe"/> says why.
    /// </summary>
    CounterSnapshot Read();
}
