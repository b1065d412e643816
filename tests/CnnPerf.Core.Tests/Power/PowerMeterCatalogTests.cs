using CnnPerf.Native.Tests.Power;
using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

public class PowerMeterCatalogTests
{
    [Test]
    public void An_empty_machine_gives_a_reason_for_every_kind()
    {
        using var tree = new TempSysfsTree();
        var probes = PowerMeterCatalog.Probe(new PowerPaths(tree.PathOf("sys"), tree.PathOf("dev")));
        Assert.That(probes.Select(p => p.Kind), Is.EqualTo(new[] { "ina219", "hwmon", "rapl", "rapl-perf", "um", "csv" }));
        foreach (var probe in probes.Where(p => p.Kind != "csv"))
        {
            Assert.That(probe.Available, Is.False, probe.Kind);
            Assert.That(probe.Reason, Is.Not.Empty, probe.Kind);
        }
    }

    [Test]
    public void Devices_are_listed_when_present()
    {
        using var tree = new TempSysfsTree();
        tree.Write("dev/i2c-1", "");
        tree.Write("sys/bus/event_source/devices/power/type", 4000000000);
        tree.Write("sys/bus/event_source/devices/power/format/event", "config:0-7");
        tree.Write("sys/bus/event_source/devices/power/events/energy-pkg", "event=0x02");
        tree.Write("sys/bus/event_source/devices/power/events/energy-pkg.scale", "2.3283064365386962890625e-10");
        tree.Write("sys/bus/event_source/devices/power/events/energy-pkg.unit", "Joules");
        var probes = PowerMeterCatalog.Probe(new PowerPaths(tree.PathOf("sys"), tree.PathOf("dev"))).ToDictionary(p => p.Kind);
        Assert.That(probes["ina219"].Devices.Single(), Does.Contain("i2c-1"));
        Assert.That(probes["rapl-perf"].Reason, Does.StartWith("power/energy-pkg/ cannot be counted: "), "the type number is no real PMU's");
    }

    [Test]
    public void This_machine_reports_every_kind()
    {
        var probes = PowerMeterCatalog.Probe();
        Assert.That(probes, Has.Count.EqualTo(6));
        Assert.That(probes.All(p => p.Available || !string.IsNullOrEmpty(p.Reason)), Is.True);
    }
}
