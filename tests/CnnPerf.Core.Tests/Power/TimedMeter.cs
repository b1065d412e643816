using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

/// <summary>A meter whose power is a function of the CLOCK_MONOTONIC time of each read: a ramp, a step.</summary>
internal sealed class TimedMeter(Func<double, double> wattsAt) : IPowerMeter
{
    public string Name => "timed";

    public TimeSpan MinimumInterval => TimeSpan.FromMilliseconds(1);

    public bool TryRead(out PowerReading reading, out string? failure)
    {
        reading = new PowerReading(wattsAt(MonotonicClock.Now));
        failure = null;
        return true;
    }

    public void Dispose()
    {
    }
}
