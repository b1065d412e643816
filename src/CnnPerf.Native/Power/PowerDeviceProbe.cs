namespace CnnPerf.Native.Power;

/// <summary>What one kind of power meter found on this machine: its devices, or why there are none.</summary>
/// <param name="Kind">The meter kind as specs name it: <c>ina219</c>, <c>hwmon</c>, <c>rapl</c>, <c>rapl-perf</c>, <c>um25c</c>...</param>
/// <param name="Devices">Devices found, described in one line each (empty when none).</param>
/// <param name="Reason">Why none is usable, with the user's fix; null when devices were found.</param>
public sealed record PowerDeviceProbe(string Kind, IReadOnlyList<string> Devices, string? Reason)
{
    /// <summary>Whether the kind has at least one usable device here.</summary>
    public bool Available => Devices.Count > 0;

    /// <summary>A probe that found devices.</summary>
    public static PowerDeviceProbe Found(string kind, IReadOnlyList<string> devices) => new(kind, devices, null);

    /// <summary>A probe that found nothing, with the reason.</summary>
    public static PowerDeviceProbe None(string kind, string reason) => new(kind, [], reason);
}
