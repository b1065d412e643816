using CnnPerf.Native.Perf;
using CnnPerf.Native.Power.Rapl;

namespace CnnPerf.Native.Tests.Power.Rapl;

public class RaplPerfCounterTests
{
    private TempSysfsTree _tree = null!;

    [SetUp]
    public void CreateTree()
    {
        // A power PMU as on an Intel machine, with a type number no kernel assigns, so the open fails for real.
        _tree = new TempSysfsTree();
        _tree.Write("power/type", 4000000000);
        _tree.Write("power/cpumask", "0");
        _tree.Write("power/format/event", "config:0-7");
        _tree.Write("power/events/energy-pkg", "event=0x02");
        _tree.Write("power/events/energy-pkg.scale", "2.3283064365386962890625e-10");
        _tree.Write("power/events/energy-pkg.unit", "Joules");
        _tree.Write("power/events/energy-ram", "event=0x03");
        _tree.Write("power/events/energy-ram.unit", "Watts");
    }

    [TearDown]
    public void DeleteTree() => _tree.Dispose();

    [Test]
    public void The_event_resolves_with_its_scale_and_the_open_fails_with_errno()
    {
        var error = Assert.Throws<PerfEventException>(() => RaplPerfCounter.Open("energy-pkg", _tree.Root))!;
        Assert.That(error.Message, Does.Contain("power/energy-pkg/"));
        Assert.That(error.Errno, Is.Not.Empty);
    }

    [Test]
    public void An_event_not_in_joules_is_refused()
    {
        Assert.That(() => RaplPerfCounter.Open("energy-ram", _tree.Root), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("'Watts', not Joules"));
    }

    [Test]
    public void An_unknown_event_names_the_ones_that_exist()
    {
        Assert.That(() => RaplPerfCounter.Open("energy-gpu", _tree.Root), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("energy-pkg"));
    }

    [Test]
    public void Without_a_named_event_the_preferred_one_the_pmu_has_is_opened()
    {
        // As on an Intel host whose power PMU has only the platform domain: no energy-pkg.
        _tree.Delete("power/events/energy-pkg");
        _tree.Delete("power/events/energy-pkg.scale");
        _tree.Delete("power/events/energy-pkg.unit");
        _tree.Write("power/events/energy-psys", "event=0x05");
        _tree.Write("power/events/energy-psys.unit", "Joules");

        Assert.That(RaplPerfCounter.EnergyEvents(_tree.Root), Is.EqualTo(new[] { "energy-psys", "energy-ram" }));
        var error = Assert.Throws<PerfEventException>(() => RaplPerfCounter.Open(eventSources: _tree.Root))!;
        Assert.That(error.Message, Does.Contain("power/energy-psys/"), "the fake PMU's type number opens nothing, so the open fails for real");
    }

    [Test]
    public void Energy_events_come_in_preference_order_then_by_name()
    {
        _tree.Write("power/events/energy-zz", "event=0x09");
        _tree.Write("power/events/energy-cores", "event=0x01");
        _tree.Write("power/events/energy-psys", "event=0x05");

        Assert.That(RaplPerfCounter.EnergyEvents(_tree.Root), Is.EqualTo(new[] { "energy-pkg", "energy-psys", "energy-cores", "energy-ram", "energy-zz" }));
    }

    [Test]
    public void A_pmu_without_energy_events_says_so()
    {
        foreach (var file in Directory.EnumerateFiles(_tree.PathOf("power/events")))
        {
            File.Delete(file);
        }

        Assert.That(() => RaplPerfCounter.Open(eventSources: _tree.Root), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("lists no energy-* event"));
    }

    [Test]
    public void This_machine_counts_energy_on_its_power_pmu_or_says_why_not()
    {
        const string pmu = "/sys/bus/event_source/devices/power";
        if (!File.Exists(Path.Combine(pmu, "type")))
        {
            Assert.That(() => RaplPerfCounter.Open(), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("no perf power PMU"));
            return;
        }
        var listed = Directory.Exists(Path.Combine(pmu, "events"))
            ? Directory.EnumerateFiles(Path.Combine(pmu, "events"), "energy-*").Select(Path.GetFileName).Where(n => !n!.Contains('.')).ToList()
            : [];
        Assert.That(RaplPerfCounter.EnergyEvents(), Is.EquivalentTo(listed));
        if (listed.Count == 0)
        {
            Assert.That(() => RaplPerfCounter.Open(), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("lists no energy-* event"));
            return;
        }
        var expected = RaplPerfCounter.PreferredEvents.FirstOrDefault(listed.Contains) ?? listed.Order(StringComparer.Ordinal).First();
        RaplPerfCounter counter;
        try
        {
            counter = RaplPerfCounter.Open();
        }
        catch (PerfEventException e)
        {
            // The PMU is listed but this user or kernel does not let it be counted: the error names the event and says why.
            Assert.That(e.Message, Does.Contain($"power/{expected}/"));
            Assert.That(e.Errno, Is.Not.Empty);
            return;
        }
        using (counter)
        {
            Assert.That(counter.EventName, Is.EqualTo(expected));
            var readings = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                readings.Add(counter.ReadJoules());
                Thread.Sleep(20);
            }
            Assert.That(readings, Is.All.Matches<double>(double.IsFinite));
            Assert.That(readings, Is.Ordered, "a cumulative energy counter never goes backwards");
        }
    }
}
