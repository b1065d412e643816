using CnnPerf.Native.Power.I2c;

namespace CnnPerf.Power.Meters;

/// <summary>
/// An INA219 as a power meter: each read waits for the next completed conversion, so a sampler at the meter's
/// own rate takes one sample per conversion (every 1.064 ms at 12 bits, 136 ms at 128 samples on both ADCs).
/// </summary>
public sealed class Ina219Meter : IPowerMeter
{
    private readonly Ina219 _device;
    private readonly TimeSpan _timeout;

    /// <summary>Wraps a driver, which the meter then owns.</summary>
    public Ina219Meter(Ina219 device)
    {
        _device = device;
        var tenPeriods = device.SamplePeriod * 10;
        _timeout = tenPeriods > TimeSpan.FromMilliseconds(100) ? tenPeriods : TimeSpan.FromMilliseconds(100);
    }

    /// <inheritdoc/>
    public string Name => "ina219";

    /// <summary>The time between two conversions at the configured ADC settings (datasheet conversion times).</summary>
    public TimeSpan MinimumInterval => _device.SamplePeriod;

    /// <inheritdoc/>
    public bool TryRead(out PowerReading reading, out string? failure)
    {
        reading = default;
        try
        {
            var result = _device.ReadNext(_timeout);
            if (result.Overflow)
            {
                failure = $"INA219 overflow: current or power above the calibrated range (max-current={_device.Calibration.MaxExpectedAmps} A)";
                return false;
            }
            reading = new PowerReading(result.Watts, result.BusVolts, result.Amps);
            failure = null;
            return true;
        }
        catch (Exception e) when (e is IOException or CnnPerfException or ObjectDisposedException)
        {
            failure = $"INA219: {e.Message}";
            return false;
        }
    }

    /// <summary>Disposes the driver.</summary>
    public void Dispose() => _device.Dispose();
}
