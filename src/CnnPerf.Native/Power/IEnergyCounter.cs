namespace CnnPerf.Native.Power;

/// <summary>A cumulative energy counter (RAPL through powercap or through perf).</summary>
public interface IEnergyCounter : IDisposable
{
    /// <summary>Energy in joules since the counter was opened.</summary>
    /// <exception cref="IOException">The counter could not be read.</exception>
    /// <exception cref="CnnPerfException">The counter could not be read (perf errors, with errno).</exception>
    double ReadJoules();
}
