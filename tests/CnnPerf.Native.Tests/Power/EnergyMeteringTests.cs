using CnnPerf.Native.Power;

namespace CnnPerf.Native.Tests.Power;

public class EnergyMeteringTests
{
    [Test]
    public void A_counter_that_stays_put_is_not_metering_and_one_that_advances_is()
    {
        var still = new SteppingCounter(0);
        var advancing = new SteppingCounter(0.25);

        var verdicts = EnergyMetering.Check([still, advancing], TimeSpan.FromMilliseconds(10));

        Assert.That(verdicts[0], Is.EqualTo("counted 0 J in 0.01 s (a virtual machine may expose the counter without the hardware behind it)"));
        Assert.That(verdicts[1], Is.Null);
        Assert.That(still.Reads, Is.EqualTo(2), "each counter is read before and after the one wait");
    }

    [Test]
    public void A_counter_that_goes_backwards_is_not_metering()
    {
        Assert.That(EnergyMetering.Check([new SteppingCounter(-1)], TimeSpan.Zero).Single(), Does.StartWith("counted -1 J in 0 s"));
    }

    /// <summary>An energy counter whose every read returns <c>step</c> joules more than the one before.</summary>
    private sealed class SteppingCounter(double step) : IEnergyCounter
    {
        public int Reads { get; private set; }

        public double ReadJoules() => step * Reads++;

        public void Dispose()
        {
        }
    }
}
