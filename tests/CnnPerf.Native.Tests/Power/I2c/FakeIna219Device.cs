using System.Buffers.Binary;
using System.Device.I2c;
using System.Diagnostics;
using CnnPerf.Native.Power.I2c;

namespace CnnPerf.Native.Tests.Power.I2c;

/// <summary>
/// An I2C device that behaves like an INA219 at register level: a register pointer, configuration and
/// calibration registers, shunt/bus/current/power computed from the analog inputs the way the datasheet
/// describes, CNVR set when a conversion completes after the last power read (timed from the ADC settings),
/// OVF on out-of-range results, and I/O errors once unplugged.
/// </summary>
internal sealed class FakeIna219Device : I2cDevice
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private byte _pointer;
    private TimeSpan _configuredAt;
    private TimeSpan _lastPowerReadAt;

    public FakeIna219Device(int busId = 1, int address = 0x40)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Voltage across the shunt (IN+ minus IN-), volts, signed.</summary>
    public double ShuntVolts { get; set; }

    /// <summary>Voltage from IN- to ground, volts.</summary>
    public double BusVolts { get; set; }

    /// <summary>When true every transfer fails as a disconnected device would.</summary>
    public bool Unplugged { get; set; }

    public ushort ConfigurationRegister { get; private set; } = 0x399F;
    public ushort CalibrationRegister { get; private set; }
    public int ConfigurationWrites { get; private set; }
    public int CalibrationWrites { get; private set; }

    /// <summary>Power-register reads made while no new conversion had completed (a driver that waits for CNVR makes none).</summary>
    public int StaleResultReads { get; private set; }

    public override byte ReadByte() => throw new NotSupportedException("the INA219 is read in 16-bit words");

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        ThrowIfUnplugged();
        BinaryPrimitives.WriteUInt16BigEndian(buffer, ReadRegister(_pointer));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfUnplugged();
        _pointer = buffer[0];
        if (buffer.Length == 3)
        {
            WriteRegister(_pointer, BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]));
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void ThrowIfUnplugged()
    {
        if (Unplugged)
        {
            throw new IOException("Error 121 performing I2C data transfer (Remote I/O error)");
        }
    }

    private Ina219Configuration Config => Ina219Configuration.FromRegister(ConfigurationRegister);

    private void WriteRegister(byte register, ushort value)
    {
        switch (register)
        {
            case 0x00 when (value & 0x8000) != 0:
                ConfigurationRegister = 0x399F;
                CalibrationRegister = 0;
                ConfigurationWrites++;
                break;
            case 0x00:
                ConfigurationRegister = value;
                ConfigurationWrites++;
                _configuredAt = _lastPowerReadAt = _clock.Elapsed;
                break;
            case 0x05:
                CalibrationRegister = (ushort)(value & 0xFFFE);
                CalibrationWrites++;
                break;
            default:
                throw new IOException($"register 0x{register:X2} is read-only");
        }
    }

    private ushort ReadRegister(byte register)
    {
        var shunt = ShuntRegister(out var shuntOverflow);
        var current = CurrentRegister(shunt, out var currentOverflow);
        var busRaw = (int)Math.Clamp(Math.Round(BusVolts / 4e-3), 0, 8191);
        var power = Math.Abs((long)current * busRaw) / 5000;
        var overflow = shuntOverflow || currentOverflow || power > ushort.MaxValue;
        switch (register)
        {
            case 0x00: return ConfigurationRegister;
            case 0x01: return (ushort)shunt;
            case 0x02: return (ushort)((busRaw << 3) | (ConversionReady() ? 0b10 : 0) | (overflow ? 0b01 : 0));
            case 0x03:
                if (!ConversionReady())
                {
                    StaleResultReads++;
                }
                _lastPowerReadAt = _clock.Elapsed;
                return (ushort)Math.Min(power, ushort.MaxValue);
            case 0x04: return (ushort)current;
            case 0x05: return CalibrationRegister;
            default: throw new IOException($"no register 0x{register:X2}");
        }
    }

    private short ShuntRegister(out bool overflow)
    {
        var fullScale = (int)Math.Round(Config.ShuntFullScaleVolts / 10e-6);
        var raw = (int)Math.Round(ShuntVolts / 10e-6);
        overflow = Math.Abs(raw) > fullScale;
        return (short)Math.Clamp(raw, -fullScale, fullScale);
    }

    private short CurrentRegister(short shunt, out bool overflow)
    {
        var current = shunt * CalibrationRegister / 4096;
        overflow = current is > short.MaxValue or < short.MinValue;
        return (short)Math.Clamp(current, short.MinValue, short.MaxValue);
    }

    // Conversions complete every sample period after the configuration write (once in a triggered mode);
    // CNVR is set when one completed after the last power-register read.
    private bool ConversionReady()
    {
        var config = Config;
        var period = config.SamplePeriod;
        if (!config.Converts || period <= TimeSpan.Zero)
        {
            return false;
        }
        var now = _clock.Elapsed;
        if (!config.IsContinuous)
        {
            var done = _configuredAt + period;
            return now >= done && _lastPowerReadAt < done;
        }
        return Conversions(now, period) > Conversions(_lastPowerReadAt, period);
    }

    private long Conversions(TimeSpan at, TimeSpan period) => (at - _configuredAt).Ticks / period.Ticks;
}
