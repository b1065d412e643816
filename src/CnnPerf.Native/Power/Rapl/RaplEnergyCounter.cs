namespace CnnPerf.Native.Power.Rapl;

/// <summary>
/// Cumulative energy of one or more RAPL domains since the counter was created, with each domain's
/// <c>energy_uj</c> wrap-around at <c>max_energy_range_uj</c> undone. Read it more often than the counter's wrap
/// period (range / power: tens of minutes at server power) so that no wrap is missed. Not thread-safe.
/// </summary>
public sealed class RaplEnergyCounter : IEnergyCounter
{
    private readonly IReadOnlyList<RaplDomain> _domains;
    private readonly ulong[] _last;
    private ulong _totalMicrojoules;

    /// <summary>Reads every domain once as the starting point.</summary>
    /// <exception cref="UnauthorizedAccessException">A counter is readable by root only.</exception>
    /// <exception cref="IOException">A counter could not be read.</exception>
    public RaplEnergyCounter(IReadOnlyList<RaplDomain> domains)
    {
        if (domains.Count == 0)
        {
            throw new ArgumentException("at least one RAPL domain is needed", nameof(domains));
        }
        _domains = domains;
        _last = domains.Select(d => d.ReadMicrojoules()).ToArray();
    }

    /// <summary>The domains summed.</summary>
    public IReadOnlyList<RaplDomain> Domains => _domains;

    /// <summary>Number of wrap-arounds seen so far, over all domains.</summary>
    public int Wraps { get; private set; }

    /// <summary>Reads every domain and returns the energy since creation, in joules.</summary>
    /// <exception cref="IOException">A counter could not be read.</exception>
    public double ReadJoules()
    {
        for (var i = 0; i < _domains.Count; i++)
        {
            var now = _domains[i].ReadMicrojoules();
            _totalMicrojoules += Delta(_last[i], now, _domains[i].MaxEnergyRangeMicrojoules);
            if (now < _last[i])
            {
                Wraps++;
            }
            _last[i] = now;
        }
        return _totalMicrojoules / 1e6;
    }

    /// <summary>
    /// The energy between two raw readings of a counter that wraps to 0 after <paramref name="range"/>: the
    /// plain difference, or the rest of the range plus the new value when the counter went backwards.
    /// </summary>
    public static ulong Delta(ulong before, ulong after, ulong range) => after >= before ? after - before : range - before + after;

    /// <summary>Nothing to release: sysfs files are opened per read.</summary>
    public void Dispose()
    {
    }
}
