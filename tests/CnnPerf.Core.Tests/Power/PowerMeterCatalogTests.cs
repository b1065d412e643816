using CnnPerf.Native.Power;
using CnnPerf.Native.Power.Rapl;
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
    public void A_powercap_package_counter_that_stays_put_is_present_but_not_metering()
    {
        using var tree = new TempSysfsTree();
        tree.Write("sys/class/powercap/intel-rapl:0/name", "package-0");
        tree.Write("sys/class/powercap/intel-rapl:0/max_energy_range_uj", 1_000_000);
        tree.Write("sys/class/powercap/intel-rapl:0/energy_uj", 5);
        var paths = new PowerPaths(tree.PathOf("sys"), tree.PathOf("dev"));

        var still = PowerMeterCatalog.Probe(paths).Single(p => p.Kind == "rapl");

        Assert.That(still.Available, Is.False);
        Assert.That(still.Present, Is.True);
        Assert.That(still.Devices.Single(), Does.Contain("package-0"));
        Assert.That(still.Reason, Does.StartWith("the package energy counted 0 J in 0.2 s"));

        using var kernel = new PowerMeterFactoryTests.EnergyTicker(tree.PathOf("sys/class/powercap/intel-rapl:0/energy_uj"), 5);
        var advancing = PowerMeterCatalog.Probe(paths).Single(p => p.Kind == "rapl");
        Assert.That(advancing.Available, Is.True, advancing.Reason);
    }

    [Test]
    public void This_machine_reports_its_perf_power_pmu_as_a_meter_only_when_it_counts()
    {
        var probe = PowerMeterCatalog.Probe().Single(p => p.Kind == "rapl-perf");
        RaplPerfCounter counter;
        try
        {
            counter = RaplPerfCounter.Open();
        }
        catch (CnnPerfException e)
        {
            // No power PMU, no energy event, or one that does not open here: no meter, and the reason says which.
            Assert.That(probe.Available, Is.False);
            Assert.That(probe.Reason, Does.Contain(e.Message));
            return;
        }
        double counted;
        using (counter)
        {
            var before = counter.ReadJoules();
            Thread.Sleep(EnergyMetering.ProbeInterval);
            counted = counter.ReadJoules() - before;
        }
        Assert.That(probe.Devices, Has.Member($"power/{counter.EventName}/").Or.Some.StartsWith($"power/{counter.EventName}/ "));
        if (counted > 0)
        {
            Assert.That(probe.Available, Is.True, probe.Reason);
        }
        else if (probe.Available)
        {
            // Another energy event of the PMU counts: this one is listed, marked as not metering.
            Assert.That(probe.Devices, Has.Some.StartsWith($"power/{counter.EventName}/ (not metering: counted 0 J"));
        }
        else
        {
            // A power PMU whose counters stay at 0 J (a virtual machine): present, not a meter.
            Assert.That(probe.Present, Is.True);
            Assert.That(probe.Reason, Does.Contain($"power/{counter.EventName}/ counted 0 J"));
        }
    }
}
