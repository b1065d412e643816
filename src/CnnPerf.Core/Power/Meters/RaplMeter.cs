using CnnPerf.Native.Power.Rapl;

namespace CnnPerf.Power.Meters;

/// <summary>
/// RAPL energy counters as a power meter: every reading carries the cumulative energy (so energy over a phase
/// is the counter's difference) and the mean power since the previous read.
/// </summary>
public sealed class RaplMeter : IPowerMeter
{
    private readonly RaplEnergyCounter _counter;
    private double _lastJoules;
    private double _lastSeconds;

    /// <summary>Wraps a counter that was just created (its creation is the energy origin).</summary>
    public RaplMeter(RaplEnergyCounter counter, string name)
    {
        _counter = counter;
        Name = name;
        _lastSeconds = MonotonicClock.Now;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>10 ms: RAPL counters update about every millisecond, but reading sysfs costs CPU time.</summary>
    public TimeSpan MinimumInterval => TimeSpan.FromMilliseconds(10);

    /// <inheritdoc/>
    public bool TryRead(out PowerReading reading, out string? failure)
    {
        try
        {
            var joules = _counter.ReadJoules();
            var now = MonotonicClock.Now;
            var watts = now > _lastSeconds ? (joules - _lastJoules) / (now - _lastSeconds) : 0;
            (_lastJoules, _lastSeconds) = (joules, now);
            reading = new PowerReading(watts, Joules: joules);
            failure = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reading = default;
            failure = $"rapl: {e.Message}";
            return false;
        }
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }
}
