using CnnPerf.Native.Power;

namespace CnnPerf.Power.Meters;

/// <summary>
/// An energy counter (RAPL through powercap or the perf power PMU) as a power meter: every reading carries the
/// cumulative energy (so energy over a phase is the counter's difference) and the mean power since the previous read.
/// </summary>
public sealed class RaplMeter : IPowerMeter
{
    private readonly IEnergyCounter _counter;
    private double _lastJoules;
    private double _lastSeconds;

    /// <summary>Wraps a counter that was just opened (its opening is the energy origin); the meter owns it.</summary>
    public RaplMeter(IEnergyCounter counter, string name)
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CnnPerfException)
        {
            reading = default;
            failure = $"{Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// Why the counter is not metering (<c>counted 0 J in 0.2 s (...)</c>: nothing over
    /// <see cref="EnergyMetering.ProbeInterval"/>), or null when it advanced.
    /// </summary>
    /// <exception cref="IOException">The counter could not be read.</exception>
    /// <exception cref="CnnPerfException">The counter could not be read (perf errors).</exception>
    public string? CheckMetering() => EnergyMetering.Check([_counter]).Single();

    /// <summary>Closes the counter.</summary>
    public void Dispose() => _counter.Dispose();
}
