using System.Buffers.Binary;
using System.Device.I2c;
using System.Diagnostics;

namespace CnnPerf.Native.Power.I2c;

/// <summary>
/// A Texas Instruments INA219 current and power monitor on an I2C bus. The constructor writes the
/// configuration and the calibration once; reads never rewrite them. Registers are 16-bit big-endian.
/// Not thread-safe: one sampling thread owns an instance.
/// </summary>
public sealed class Ina219 : IDisposable
{
    /// <summary>The 7-bit I2C addresses an INA219 can answer on (A0/A1 strapping).</summary>
    public const int FirstAddress = 0x40, LastAddress = 0x4F;

    private readonly I2cDevice _device;
    private readonly bool _ownsDevice;
    private bool _disposed;

    /// <summary>Takes an INA219 on <paramref name="device"/>, and writes its configuration and calibration.</summary>
    /// <param name="device">The I2C device at the INA219's address.</param>
    /// <param name="configuration">Configuration register fields.</param>
    /// <param name="calibration">Calibration for the shunt and expected current.</param>
    /// <param name="ownsDevice">Whether <see cref="Dispose"/> disposes <paramref name="device"/> (true by default).</param>
    /// <exception cref="CnnPerfException">The device did not answer, or the shunt range is too small for the expected current.</exception>
    public Ina219(I2cDevice device, Ina219Configuration configuration, Ina219Calibration calibration, bool ownsDevice = true)
    {
        _device = device;
        _ownsDevice = ownsDevice;
        Configuration = configuration;
        Calibration = calibration;
        configuration.CheckShuntRange(calibration);
        WriteRegister(Ina219Register.Configuration, configuration.ToRegister());
        WriteRegister(Ina219Register.Calibration, calibration.Register);
    }

    /// <summary>
    /// Opens the INA219 at <paramref name="address"/> on I2C bus <paramref name="bus"/> (<c>/dev/i2c-N</c>).
    /// The caller owns the returned driver.
    /// </summary>
    /// <param name="bus">The bus number N of <c>/dev/i2c-N</c>.</param>
    /// <param name="address">7-bit address, 0x40 to 0x4F.</param>
    /// <param name="configuration">Configuration register fields.</param>
    /// <param name="calibration">Calibration for the shunt and expected current.</param>
    /// <param name="deviceDirectory">Where the bus device nodes are (<c>/dev</c>).</param>
    /// <exception cref="CnnPerfException">The bus does not exist or the device does not answer, with the reason.</exception>
    public static Ina219 Open(int bus, int address, Ina219Configuration configuration, Ina219Calibration calibration, string deviceDirectory = "/dev")
    {
        if (address is < FirstAddress or > LastAddress)
        {
            throw new CnnPerfException($"INA219: address 0x{address:X2} is outside 0x{FirstAddress:X2}..0x{LastAddress:X2}");
        }
        var node = Path.Combine(deviceDirectory, $"i2c-{bus}");
        if (!File.Exists(node))
        {
            throw new CnnPerfException($"INA219: {node} does not exist (enable I2C, e.g. dtparam=i2c_arm=on, or load i2c-dev)");
        }
        I2cDevice? device = null;
        try
        {
            device = I2cDevice.Create(new I2cConnectionSettings(bus, address));
            return new Ina219(device, configuration, calibration);
        }
        catch (Exception e)
        {
            device?.Dispose();
            throw e as CnnPerfException ?? new CnnPerfException($"INA219: no answer at 0x{address:X2} on {node}: {e.Message}", e);
        }
    }

    /// <summary>The configuration written at construction.</summary>
    public Ina219Configuration Configuration { get; }

    /// <summary>The calibration written at construction.</summary>
    public Ina219Calibration Calibration { get; }

    /// <summary>Time between two fresh results at the configured ADC settings.</summary>
    public TimeSpan SamplePeriod => Configuration.SamplePeriod;

    /// <summary>
    /// Reads the result registers as they are now: bus voltage (with CNVR and OVF) first, then shunt voltage,
    /// current and power. Reading the power register clears CNVR.
    /// </summary>
    /// <exception cref="IOException">The I2C transfer failed (device gone).</exception>
    public Ina219Reading Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var bus = ReadRegister(Ina219Register.BusVoltage);
        var shunt = (short)ReadRegister(Ina219Register.ShuntVoltage);
        var current = (short)ReadRegister(Ina219Register.Current);
        var power = ReadRegister(Ina219Register.Power);
        return new Ina219Reading(
            ShuntVolts: shunt * 10e-6,
            BusVolts: (bus >> 3) * 4e-3,
            Amps: current * Calibration.CurrentLsbAmps,
            Watts: power * Calibration.PowerLsbWatts,
            ConversionReady: (bus & 0b10) != 0,
            Overflow: (bus & 0b01) != 0);
    }

    /// <summary>
    /// Waits for the next completed conversion (CNVR set) and reads it; in a triggered mode it first starts one
    /// conversion by rewriting the configuration. Polls about four times per sample period.
    /// </summary>
    /// <param name="timeout">How long to wait before giving up.</param>
    /// <exception cref="CnnPerfException">No conversion completed in time, or the mode does not convert.</exception>
    /// <exception cref="IOException">The I2C transfer failed (device gone).</exception>
    public Ina219Reading ReadNext(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Configuration.Converts)
        {
            throw new CnnPerfException($"INA219: mode {Configuration.Mode} does not convert");
        }
        if (!Configuration.IsContinuous)
        {
            WriteRegister(Ina219Register.Configuration, Configuration.ToRegister());
        }
        var start = Stopwatch.GetTimestamp();
        var poll = Configuration.SamplePeriod / 4;
        while ((ReadRegister(Ina219Register.BusVoltage) & 0b10) == 0)
        {
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new CnnPerfException($"INA219: no conversion completed within {timeout.TotalMilliseconds:0} ms (CNVR never set)");
            }
            if (poll >= TimeSpan.FromMilliseconds(1))
            {
                Thread.Sleep(poll);
            }
            else
            {
                Thread.Yield();
            }
        }
        return Read();
    }

    /// <summary>Reads the calibration register back (to check that the device kept it, e.g. after a brown-out).</summary>
    public ushort ReadCalibrationRegister() => ReadRegister(Ina219Register.Calibration);

    /// <summary>Disposes the I2C device when this driver owns it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    private ushort ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[2];
        _device.WriteRead([register], value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    private void WriteRegister(byte register, ushort value)
    {
        Span<byte> message = [register, (byte)(value >> 8), (byte)value];
        _device.Write(message);
    }
}
