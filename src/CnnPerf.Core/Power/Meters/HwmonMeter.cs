using System.Globalization;
using CnnPerf.Native.Power.Hwmon;

namespace CnnPerf.Power.Meters;

/// <summary>A hwmon power sensor as a power meter, paced by the driver's <c>update_interval</c> when it has one.</summary>
public sealed class HwmonMeter : IPowerMeter
{
    private readonly HwmonPowerSensor _sensor;
    private readonly int? _channel;

    /// <summary>Wraps a sensor; reads <paramref name="channel"/>, or the whole device when null.</summary>
    public HwmonMeter(HwmonPowerSensor sensor, int? channel)
    {
        _sensor = sensor;
        _channel = channel;
        var interval = Path.Combine(sensor.Directory, "update_interval");
        MinimumInterval = File.Exists(interval) && int.TryParse(File.ReadAllText(interval).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromMilliseconds(10);
    }

    /// <inheritdoc/>
    public string Name => $"hwmon:{_sensor.Name}";

    /// <summary>The driver's <c>update_interval</c> (milliseconds), or 10 ms.</summary>
    public TimeSpan MinimumInterval { get; }

    /// <inheritdoc/>
    public bool TryRead(out PowerReading reading, out string? failure)
    {
        try
        {
            var result = _sensor.Read(_channel);
            reading = new PowerReading(result.Watts, result.Volts, result.Amps);
            failure = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CnnPerfException)
        {
            reading = default;
            failure = $"hwmon {_sensor.Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>Nothing to release (sysfs files are opened per read).</summary>
    public void Dispose()
    {
    }
}
