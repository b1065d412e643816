namespace CnnPerf.Native.Power.I2c;

/// <summary>
/// The INA219 calibration computed from the shunt resistance and the largest expected current (datasheet
/// "Programming the INA219"): current LSB = max current / 2^15, calibration register =
/// trunc(0.04096 / (current LSB x shunt)), power LSB = 20 x current LSB. The LSBs reported here are the
/// ones that correspond exactly to the register value written, so readings are not biased by the truncation.
/// </summary>
public sealed record Ina219Calibration
{
    /// <summary>Computes the calibration.</summary>
    /// <param name="shuntOhms">Shunt resistance in ohms (0.1 on the common breakout boards).</param>
    /// <param name="maxExpectedAmps">The largest current the circuit draws, in amperes.</param>
    /// <exception cref="CnnPerfException">A value is not positive, or the calibration does not fit the register.</exception>
    public Ina219Calibration(double shuntOhms, double maxExpectedAmps)
    {
        if (!(shuntOhms > 0) || !(maxExpectedAmps > 0) || double.IsInfinity(shuntOhms) || double.IsInfinity(maxExpectedAmps))
        {
            throw new CnnPerfException($"INA219: shunt ({shuntOhms} Ω) and maximum current ({maxExpectedAmps} A) must be positive numbers");
        }
        var nominalLsb = maxExpectedAmps / 32768.0;
        var register = Math.Floor(0.04096 / (nominalLsb * shuntOhms));
        if (register > 0xFFFE)
        {
            throw new CnnPerfException(
                $"INA219: calibration {register} does not fit 16 bits for shunt {shuntOhms} Ω and maximum current {maxExpectedAmps} A; raise the maximum current");
        }
        var even = (ushort)((ushort)register & 0xFFFE);
        if (even == 0)
        {
            throw new CnnPerfException(
                $"INA219: calibration is 0 for shunt {shuntOhms} Ω and maximum current {maxExpectedAmps} A; the current cannot be measured with that shunt");
        }
        ShuntOhms = shuntOhms;
        MaxExpectedAmps = maxExpectedAmps;
        Register = even;
        CurrentLsbAmps = 0.04096 / (even * shuntOhms);
    }

    /// <summary>Shunt resistance in ohms.</summary>
    public double ShuntOhms { get; }

    /// <summary>The largest expected current in amperes.</summary>
    public double MaxExpectedAmps { get; }

    /// <summary>The calibration register value (bit 0 is always 0).</summary>
    public ushort Register { get; }

    /// <summary>Amperes per bit of the current register.</summary>
    public double CurrentLsbAmps { get; }

    /// <summary>Watts per bit of the power register (20 x <see cref="CurrentLsbAmps"/>).</summary>
    public double PowerLsbWatts => 20 * CurrentLsbAmps;

    /// <summary>The shunt voltage at <see cref="MaxExpectedAmps"/>, in volts.</summary>
    public double MaxShuntVolts => ShuntOhms * MaxExpectedAmps;
}
