using CnnPerf.Native.Power;
using CnnPerf.Native.Power.Hwmon;
using CnnPerf.Native.Power.Rapl;
using CnnPerf.Native.Power.Serial;

namespace CnnPerf.Power;

/// <summary>What every kind of power meter finds on this machine, kind by kind, with the reason when nothing is there.</summary>
public static class PowerMeterCatalog
{
    /// <summary>
    /// Probes every kind: ina219 (I2C buses), hwmon, rapl (powercap), rapl-perf (the perf power PMU), um (serial ports)
    /// and csv. Energy counters are watched for <see cref="EnergyMetering.ProbeInterval"/>: one that counts nothing is
    /// reported present but not metering, with the reason.
    /// </summary>
    public static IReadOnlyList<PowerDeviceProbe> Probe(PowerPaths? paths = null)
    {
        paths ??= PowerPaths.System;
        return
        [
            ProbeI2c(paths.Dev),
            HwmonPowerSensor.Probe(paths.HwmonClass),
            ProbePowercap(paths.PowercapClass),
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

    /// <summary>The powercap RAPL domains, and whether the package counters advance.</summary>
    private static PowerDeviceProbe ProbePowercap(string powercapClass)
    {
        var probe = RaplPowercap.Probe(powercapClass);
        if (!probe.Available)
        {
            return probe;
        }
        try
        {
            var counter = new RaplEnergyCounter(RaplPowercap.Select(RaplPowercap.Discover(powercapClass), null));
            return EnergyMetering.Check([counter]).Single() is { } why ? PowerDeviceProbe.NotMetering("rapl", probe.Devices, $"the package energy {why}") : probe;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CnnPerfException)
        {
            return PowerDeviceProbe.None("rapl", e.Message);
        }
    }

    /// <summary>Every energy event of the perf power PMU, each opened and watched for one probe interval.</summary>
    private static PowerDeviceProbe ProbePowerPmu(string eventSources)
    {
        IReadOnlyList<string> events;
        try
        {
            events = RaplPerfCounter.EnergyEvents(eventSources);
        }
        catch (CnnPerfException e)
        {
            return PowerDeviceProbe.None("rapl-perf", e.Message);
        }
        if (events.Count == 0)
        {
            return PowerDeviceProbe.None("rapl-perf", $"the perf power PMU lists no energy-* event in {Path.Combine(eventSources, "power", "events")}");
        }
        var names = events.Select(e => $"power/{e}/").ToList();
        var counters = new List<IEnergyCounter>();
        try
        {
            foreach (var energyEvent in events)
            {
                counters.Add(RaplPerfCounter.Open(energyEvent, eventSources));
            }
            var notMetering = EnergyMetering.Check(counters);
            if (notMetering.All(why => why is not null))
            {
                return PowerDeviceProbe.NotMetering("rapl-perf", names, string.Join("; ", names.Zip(notMetering, (name, why) => $"{name} {why}")));
            }
            return PowerDeviceProbe.Found("rapl-perf", [.. names.Zip(notMetering, (name, why) => why is null ? name : $"{name} (not metering: {why})")]);
        }
        catch (CnnPerfException e)
        {
            return PowerDeviceProbe.None("rapl-perf", $"{string.Join(", ", names)} cannot be counted: {e.Message}");
        }
        finally
        {
            counters.ForEach(c => c.Dispose());
        }
    }
}
