using CnnPerf.Native.Power.Serial;

namespace CnnPerf.Power.Meters;

/// <summary>An RDTech UM24C/UM25C/UM34C as a power meter (one frame per read; the meters update a few times a second).</summary>
public sealed class UmPowerMeter : IPowerMeter
{
    private readonly UmMeter _meter;

    /// <summary>Wraps an open meter, which this object then owns.</summary>
    /// <param name="meter">The open meter.</param>
    /// <param name="name">The kind the spec named (<c>um24c</c>, <c>um25c</c>, <c>um34c</c>).</param>
    public UmPowerMeter(UmMeter meter, string name)
    {
        _meter = meter;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>100 ms: the meters do not refresh faster.</summary>
    public TimeSpan MinimumInterval => TimeSpan.FromMilliseconds(100);

    /// <summary>Opens the meter on a port and checks with a first frame that the model is the one named.</summary>
    /// <exception cref="CnnPerfException">The port cannot be opened, the meter does not answer, or it is another model.</exception>
    public static UmPowerMeter Open(string portName, UmModel expected, TimeSpan timeout)
    {
        var meter = UmMeter.Open(portName, timeout);
        try
        {
            var frame = meter.Read();
            if (frame.Model != expected)
            {
                throw new CnnPerfException($"the meter on {portName} is a {frame.Model.ToString().ToUpperInvariant()}, not a {expected.ToString().ToUpperInvariant()}: name it in the spec");
            }
            return new UmPowerMeter(meter, expected.ToString().ToLowerInvariant());
        }
        catch (Exception e)
        {
            meter.Dispose();
            throw e as CnnPerfException ?? new CnnPerfException($"{expected.ToString().ToUpperInvariant()} on {portName}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public bool TryRead(out PowerReading reading, out string? failure)
    {
        try
        {
            var frame = _meter.Read();
            reading = new PowerReading(frame.Watts, frame.Volts, frame.Amps);
            failure = null;
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
        {
            reading = default;
            failure = e.Message;
            return false;
        }
    }

    /// <summary>Closes the port.</summary>
    public void Dispose() => _meter.Dispose();
}
