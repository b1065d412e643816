using System.Buffers.Binary;

namespace CnnPerf.Native.Power.Serial;

/// <summary>
/// The 130-byte big-endian status frame an RDTech UM24C/UM25C/UM34C sends in answer to 0xF0. Offsets:
/// 0 model id, 2 voltage, 4 current, 6 power (mW, 32 bits), 10 temperature °C, 12 °F, 14 selected data group,
/// 16 ten groups of (mAh, mWh) 32-bit pairs, 96 D+ and 98 D- (10 mV), 100 charging mode, 102 threshold mAh,
/// 106 threshold mWh, 110 threshold current (10 mA), 112 threshold seconds, 116 threshold active,
/// 118 screen timeout, 120 backlight, 122 load resistance (0.1 Ω, 32 bits), 126 screen, 128 end marker 0xFFF1.
/// Voltage and current are in 10 mV and 1 mA, except on the UM25C: 1 mV and 0.1 mA.
/// </summary>
/// <param name="Model">The meter model from the frame's first word.</param>
/// <param name="Volts">Bus voltage in volts.</param>
/// <param name="Amps">Current in amperes.</param>
/// <param name="Watts">Power in watts, as the meter computed it (1 mW resolution).</param>
/// <param name="TemperatureCelsius">The meter's temperature in °C.</param>
/// <param name="DataGroup">The selected data group (0-9).</param>
/// <param name="GroupMilliampHours">Charge recorded in the selected group.</param>
/// <param name="GroupMilliwattHours">Energy recorded in the selected group.</param>
/// <param name="DataPlusVolts">Voltage on USB D+.</param>
/// <param name="DataMinusVolts">Voltage on USB D-.</param>
/// <param name="LoadOhms">Load resistance the meter computed.</param>
public sealed record UmFrame(
    UmModel Model, double Volts, double Amps, double Watts, int TemperatureCelsius, int DataGroup,
    uint GroupMilliampHours, uint GroupMilliwattHours, double DataPlusVolts, double DataMinusVolts, double LoadOhms)
{
    /// <summary>Length of a frame in bytes.</summary>
    public const int Length = 130;

    /// <summary>The byte that asks the meter for a frame.</summary>
    public const byte Request = 0xF0;

    /// <summary>The last word of every frame.</summary>
    public const ushort EndMarker = 0xFFF1;

    /// <summary>Decodes a frame.</summary>
    /// <exception cref="InvalidDataException">Wrong length, unknown model id or missing end marker.</exception>
    public static UmFrame Parse(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != Length)
        {
            throw new InvalidDataException($"UM frame: {frame.Length} bytes, expected {Length}");
        }
        var id = U16(frame, 0);
        if (!Enum.IsDefined((UmModel)id))
        {
            throw new InvalidDataException($"UM frame: unknown model id 0x{id:X4} (expected 0x0963 UM24C, 0x09C9 UM25C or 0x0D4C UM34C)");
        }
        if (U16(frame, 128) != EndMarker)
        {
            throw new InvalidDataException($"UM frame: end marker 0x{U16(frame, 128):X4}, expected 0x{EndMarker:X4}");
        }
        var model = (UmModel)id;
        var fine = model == UmModel.Um25C;
        var group = U16(frame, 14);
        var groupOffset = 16 + 8 * Math.Min((int)group, 9);
        return new UmFrame(
            model,
            Volts: U16(frame, 2) * (fine ? 1e-3 : 1e-2),
            Amps: U16(frame, 4) * (fine ? 1e-4 : 1e-3),
            Watts: U32(frame, 6) * 1e-3,
            TemperatureCelsius: U16(frame, 10),
            DataGroup: group,
            GroupMilliampHours: U32(frame, groupOffset),
            GroupMilliwattHours: U32(frame, groupOffset + 4),
            DataPlusVolts: U16(frame, 96) * 1e-2,
            DataMinusVolts: U16(frame, 98) * 1e-2,
            LoadOhms: U32(frame, 122) * 0.1);
    }

    private static ushort U16(ReadOnlySpan<byte> frame, int offset) => BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);

    private static uint U32(ReadOnlySpan<byte> frame, int offset) => BinaryPrimitives.ReadUInt32BigEndian(frame[offset..]);
}
