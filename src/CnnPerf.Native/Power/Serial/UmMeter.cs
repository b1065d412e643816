using System.IO.Ports;

namespace CnnPerf.Native.Power.Serial;

/// <summary>
/// An RDTech UM24C/UM25C/UM34C USB power meter on a serial port: its Bluetooth SPP port (<c>/dev/rfcommN</c>
/// after <c>rfcomm bind</c>) or a USB serial adapter. Each <see cref="Read"/> sends 0xF0 and reads one
/// 130-byte frame. Not thread-safe.
/// </summary>
public sealed class UmMeter : IDisposable
{
    /// <summary>The meters' fixed serial speed.</summary>
    public const int BaudRate = 9600;

    private readonly SerialPort _port;
    private readonly byte[] _frame = new byte[UmFrame.Length];

    private UmMeter(SerialPort port)
    {
        _port = port;
    }

    /// <summary>Opens the meter on <paramref name="portName"/>. The caller owns the returned meter.</summary>
    /// <param name="portName">The serial device, for example <c>/dev/rfcomm0</c>.</param>
    /// <param name="readTimeout">How long a frame may take before the meter counts as gone.</param>
    /// <exception cref="CnnPerfException">The port does not exist, is not a serial device, or cannot be opened, with the reason.</exception>
    public static UmMeter Open(string portName, TimeSpan readTimeout)
    {
        string? problem;
        try
        {
            problem = SerialDevice.Problem(portName);
        }
        catch (SystemCallException e) when (e.ErrnoValue is 1 or 13)
        {
            throw new CnnPerfException($"UM meter: cannot open {portName}: {e.Errno} (add the user to group dialout)", e);
        }
        if (problem is not null)
        {
            throw new CnnPerfException(File.Exists(portName) || Directory.Exists(portName)
                ? $"UM meter: {problem}: name the meter's port, e.g. /dev/rfcomm0 or /dev/ttyUSB0"
                : $"UM meter: {problem} (pair the meter and run 'rfcomm bind 0 <MAC>', or plug the USB serial adapter)");
        }
        var port = new SerialPort(portName, BaudRate, Parity.None, 8, StopBits.One)
        {
            ReadTimeout = (int)readTimeout.TotalMilliseconds,
            WriteTimeout = (int)readTimeout.TotalMilliseconds,
            Handshake = Handshake.None,
        };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            port.Dispose();
            var hint = e is UnauthorizedAccessException ? " (add the user to group dialout)" : "";
            throw new CnnPerfException($"UM meter: cannot open {portName}: {e.Message}{hint}", e);
        }
        return new UmMeter(port);
    }

    /// <summary>The serial port's name.</summary>
    public string PortName => _port.PortName;

    /// <summary>Asks for a frame and decodes it.</summary>
    /// <exception cref="IOException">No full frame in time (meter off, out of range) or the port failed.</exception>
    /// <exception cref="InvalidDataException">The bytes are not a UM frame.</exception>
    public UmFrame Read()
    {
        try
        {
            _port.DiscardInBuffer();
            _port.Write([UmFrame.Request], 0, 1);
            var filled = 0;
            while (filled < _frame.Length)
            {
                filled += _port.Read(_frame, filled, _frame.Length - filled);
            }
        }
        catch (TimeoutException e)
        {
            throw new IOException($"UM meter on {PortName}: no full frame within {_port.ReadTimeout} ms (meter off or out of range)", e);
        }
        catch (InvalidOperationException e)
        {
            throw new IOException($"UM meter on {PortName}: {e.Message}", e);
        }
        return UmFrame.Parse(_frame);
    }

    /// <summary>Candidate serial ports for a meter under <paramref name="deviceDirectory"/>: rfcomm, ttyUSB and ttyACM nodes.</summary>
    public static PowerDeviceProbe Probe(string deviceDirectory = "/dev")
    {
        var ports = new[] { "rfcomm*", "ttyUSB*", "ttyACM*" }
            .SelectMany(p => Directory.Exists(deviceDirectory) ? Directory.EnumerateFileSystemEntries(deviceDirectory, p) : [])
            .Order(StringComparer.Ordinal).Select(p => $"{p} (candidate port; identified on first read)").ToList();
        return ports.Count > 0
            ? PowerDeviceProbe.Found("um", ports)
            : PowerDeviceProbe.None("um", $"no serial port for a UM24C/UM25C/UM34C: no {deviceDirectory}/rfcomm*, ttyUSB* or ttyACM* (pair the meter and 'rfcomm bind 0 <MAC>')");
    }

    /// <summary>Closes the port.</summary>
    public void Dispose() => _port.Dispose();
}
