using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

/// <summary>A scripted meter: watts from a function of the read number; can be unplugged (fails) or hung (blocks).</summary>
internal sealed class FakePowerMeter : IPowerMeter
{
    private readonly Func<int, double> _watts;
    private readonly ManualResetEventSlim _released = new(true);
    private int _reads;
    private volatile bool _unplugged;

    public FakePowerMeter(Func<int, double> watts)
    {
        _watts = watts;
    }

    public string Name => "fake";

    public TimeSpan MinimumInterval => TimeSpan.FromMilliseconds(1);

    public int Reads => Volatile.Read(ref _reads);

    public bool Disposed { get; private set; }

    /// <summary>Reads before <see cref="Unplug"/> that succeeded.</summary>
    public int GoodReads { get; private set; }

    /// <summary>Fails the next <paramref name="count"/> reads, then works again.</summary>
    public int FailNext { get; set; }

    public void Unplug() => _unplugged = true;

    public void Hang() => _released.Reset();

    public void Release() => _released.Set();

    /// <summary>True while a read is blocked by <see cref="Hang"/>.</summary>
    public bool Blocked { get; private set; }

    public bool TryRead(out PowerReading reading, out string? failure)
    {
        Blocked = !_released.IsSet;
        _released.Wait();
        Blocked = false;
        var n = Interlocked.Increment(ref _reads);
        if (_unplugged || FailNext > 0)
        {
            FailNext = Math.Max(0, FailNext - 1);
            (reading, failure) = (default, "device disconnected");
            return false;
        }
        GoodReads++;
        (reading, failure) = (new PowerReading(_watts(n)), null);
        return true;
    }

    public void Dispose() => Disposed = true;
}
