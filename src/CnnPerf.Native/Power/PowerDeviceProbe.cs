namespace CnnPerf.Native.Power;

/// <summary>
/// What one kind of power meter found on this machine: devices that meter, devices that are present but measure
/// nothing, or why there are none.
/// </summary>
/// <param name="Kind">The meter kind as specs name it: <c>ina219</c>, <c>hwmon</c>, <c>rapl</c>, <c>rapl-perf</c>, <c>um25c</c>...</param>
/// <param name="Devices">Devices found, described in one line each (empty when none).</param>
/// <param name="Reason">Why none is usable, with the user's fix; null when devices were found that meter.</param>
public sealed record PowerDeviceProbe(string Kind, IReadOnlyList<string> Devices, string? Reason)
{
    /// <summary>Whether the kind has at least one device here that meters.</summary>
    public bool Available => Devices.Count > 0 && Reason is null;

    /// <summary>Whether devices of the kind exist here, metering or not.</summary>
    public bool Present => Devices.Count > 0;

    /// <summary>A probe that found devices that meter.</summary>
    public static PowerDeviceProbe Found(string kind, IReadOnlyList<string> devices) => new(kind, devices, null);

    /// <summary>A probe that found nothing, with the reason.</summary>
    public static PowerDeviceProbe None(string kind, string reason) => new(kind, [], reason);

    /// <summary>
    /// A probe that found devices which measure nothing (an energy counter that did not advance over the probe
    /// interval, as in a virtual machine that exposes the interface without the hardware), with the reason.
    /// </summary>
    public static PowerDeviceProbe NotMetering(string kind, IReadOnlyList<string> devices, string reason) => new(kind, devices, reason);
}
