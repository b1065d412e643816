using CnnPerf.Native.Power;
using CnnPerf.Native.Power.Hwmon;
using CnnPerf.Native.Power.Rapl;
using CnnPerf.Native.Power.Serial;

namespace CnnPerf.Power;

/// <summary>What every kind of power meter finds on this machine, kind by kind, with the reason when nothing is there.</summary>
public static class PowerMeterCatalog
{
    /// <summary>Probes every kind: ina219 (I2C buses), hwmon, rapl (powercap), rapl-perf (the perf power PMU), um (serial ports) and csv.</summary>
    public static IReadOnlyList<PowerDeviceProbe> Probe(PowerPaths? paths = null)
    {
        paths ??= PowerPaths.System;
        return
        [
            ProbeI2c(paths.Dev),
            HwmonPowerSensor.Probe(paths.HwmonClass),
            RaplPowercap.Probe(paths.PowercapClass),
            ProbePowerPmu(paths.EventSources),
            UmMeter.Probe(paths.Dev),
            PowerDeviceProbe.Found("csv", ["any (time, watts) CSV log: csv:PATH"]),
        ];
    }

    private static PowerDeviceProbe ProbeI2c(string dev)
    {
        var buses = Directory.Exists(dev) ? Directory.EnumerateFileSystemEntries(dev, "i2c-*").Order(StringComparer.Ordinal).ToList() : [];
        return buses.Count > 0
            ? PowerDeviceProbe.Found("ina219", buses.Select(b => $"{b} (give address=0x40..0x4F in the spec)").ToList())
            : PowerDeviceProbe.None("ina219", $"no I2C bus: no {dev}/i2c-* (enable I2C, e.g. dtparam=i2c_arm=on on a Raspberry Pi, and modprobe i2c-dev)");
    }

    private static PowerDeviceProbe ProbePowerPmu(string eventSources)
    {
        var events = Path.Combine(eventSources, "power", "events");
        if (!Directory.Exists(events))
        {
            return PowerDeviceProbe.None("rapl-perf", $"no perf power PMU: {Path.Combine(eventSources, "power")} does not exist (no RAPL on this CPU or VM)");
        }
        var energy = Directory.EnumerateFiles(events, "energy-*").Select(Path.GetFileName).Where(n => !n!.Contains('.')).Order(StringComparer.Ordinal).ToList();
        if (energy.Count == 0)
        {
            return PowerDeviceProbe.None("rapl-perf", $"the perf power PMU lists no energy-* event in {events}");
        }
        try
        {
            using var counter = RaplPerfCounter.Open(energy.Contains("energy-pkg") ? "energy-pkg" : energy[0]!, eventSources);
        }
        catch (CnnPerfException e)
        {
            return PowerDeviceProbe.None("rapl-perf", $"{string.Join(", ", energy.Select(n => $"power/{n}/"))} cannot be counted: {e.Message}");
        }
        return PowerDeviceProbe.Found("rapl-perf", energy.Select(e => $"power/{e}/").ToList());
    }
}
