using System.Buffers.Binary;
using CnnPerf.Native.Power.Serial;

namespace CnnPerf.Native.Tests.Power.Serial;

/// <summary>Builds UM status frames as a meter sends them (raw register units, big-endian).</summary>
internal static class UmFrameBuilder
{
    public static byte[] Build(UmModel model, ushort voltageRaw, ushort currentRaw, uint milliwatts, ushort celsius = 27,
        ushort group = 0, uint groupMah = 0, uint groupMwh = 0, ushort dataPlusRaw = 0, ushort dataMinusRaw = 0, uint resistanceRaw = 0)
    {
        var frame = new byte[UmFrame.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(0), (ushort)model);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), voltageRaw);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), currentRaw);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(6), milliwatts);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(10), celsius);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), (ushort)(celsius * 9 / 5 + 32));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), group);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(16 + 8 * group), groupMah);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(20 + 8 * group), groupMwh);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(96), dataPlusRaw);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(98), dataMinusRaw);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(122), resistanceRaw);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(128), UmFrame.EndMarker);
        return frame;
    }
}
