namespace CnnPerf.Power;

/// <summary>Where the meters' kernel interfaces live: the sysfs and device roots (a temporary tree in tests).</summary>
/// <param name="Sys">The sysfs root, <c>/sys</c>.</param>
/// <param name="Dev">The device node root, <c>/dev</c>.</param>
public sealed record PowerPaths(string Sys = "/sys", string Dev = "/dev")
{
    /// <summary>The real system's paths.</summary>
    public static PowerPaths System { get; } = new();

    /// <summary><c>/sys/class/hwmon</c>.</summary>
    public string HwmonClass => Path.Combine(Sys, "class", "hwmon");

    /// <summary><c>/sys/class/powercap</c>.</summary>
    public string PowercapClass => Path.Combine(Sys, "class", "powercap");

    /// <summary><c>/sys/bus/event_source/devices</c>, where perf PMUs (the RAPL <c>power</c> PMU) are listed.</summary>
    public string EventSources => Path.Combine(Sys, "bus", "event_source", "devices");
}
