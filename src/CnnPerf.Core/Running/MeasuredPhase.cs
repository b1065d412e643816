using CnnPerf.Counters;

namespace CnnPerf.Running;

/// <summary>The raw readings of one measured phase, before they become metrics.</summary>
/// <param name="Samples">The inferences, in order.</param>
/// <param name="StartTimestamp">Stopwatch timestamp at the start of the phase.</param>
/// <param name="EndTimestamp">Stopwatch timestamp at the end of the phase.</param>
/// <param name="Counters">Change of every counter over the phase.</param>
/// <param name="CpuTime">Process CPU time (getrusage) spent in the phase.</param>
/// <param name="RssBefore">Resident set size before the phase, in bytes.</param>
/// <param name="RssAfter">Resident set size after the phase, in bytes.</param>
/// <param name="PeakRss">Peak resident set size at the end of the phase, in bytes.</param>
/// <param name="ThreadsAfter">Thread ids at the end of the phase.</param>
internal sealed record MeasuredPhase(
    IReadOnlyList<InferenceSample> Samples,
    long StartTimestamp,
    long EndTimestamp,
    CounterSnapshot Counters,
    TimeSpan CpuTime,
    long RssBefore,
    long RssAfter,
    long PeakRss,
    IReadOnlySet<int> ThreadsAfter);
