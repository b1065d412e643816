using CnnPerf.Native.Power.Rapl;

namespace CnnPerf.Native.Tests.Power.Rapl;

public class RaplPowercapTests
{
    private const ulong Range = 262143328850;
    private TempSysfsTree _tree = null!;

    [SetUp]
    public void CreateTree()
    {
        _tree = new TempSysfsTree();
        Zone("intel-rapl", null, 0, write: false);
        Zone("intel-rapl:0", "package-0", 1_000_000);
        Zone("intel-rapl:0:0", "core", 400_000);
        Zone("intel-rapl:0:1", "dram", 100_000);
        Zone("intel-rapl:1", "package-1", 2_000_000);
        Zone("intel-rapl:1:0", "dram", 50_000);
        Zone("intel-rapl:2", "psys", 5_000_000);
    }

    [TearDown]
    public void DeleteTree() => _tree.Dispose();

    [Test]
    public void Discovers_every_domain_and_subdomain_with_its_parent()
    {
        var domains = RaplPowercap.Discover(_tree.Root);
        Assert.That(domains.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "intel-rapl:0 package-0", "intel-rapl:0:0 core (in intel-rapl:0)", "intel-rapl:0:1 dram (in intel-rapl:0)",
            "intel-rapl:1 package-1", "intel-rapl:1:0 dram (in intel-rapl:1)", "intel-rapl:2 psys",
        }));
        Assert.That(domains[0].MaxEnergyRangeMicrojoules, Is.EqualTo(Range));
    }

    [Test]
    public void Default_selection_sums_the_packages_and_a_name_selects_every_zone_of_that_name()
    {
        var domains = RaplPowercap.Discover(_tree.Root);
        Assert.That(RaplPowercap.Select(domains, null).Select(d => d.Id), Is.EqualTo(new[] { "intel-rapl:0", "intel-rapl:1" }));
        Assert.That(RaplPowercap.Select(domains, "dram").Select(d => d.Id), Is.EqualTo(new[] { "intel-rapl:0:1", "intel-rapl:1:0" }));
        Assert.That(() => RaplPowercap.Select(domains, "gpu"), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("psys"));
    }

    [Test]
    public void Energy_accumulates_across_a_wrap_around_during_a_run()
    {
        var packages = RaplPowercap.Select(RaplPowercap.Discover(_tree.Root), null);
        _tree.Write("intel-rapl:0/energy_uj", Range - 500_000);
        var counter = new RaplEnergyCounter(packages);
        _tree.Write("intel-rapl:0/energy_uj", Range - 100_000);
        _tree.Write("intel-rapl:1/energy_uj", 2_300_000);
        Assert.That(counter.ReadJoules(), Is.EqualTo(0.4 + 0.3).Within(1e-12));
        _tree.Write("intel-rapl:0/energy_uj", 250_000);   // wrapped: 100 000 to the top, then 250 000
        _tree.Write("intel-rapl:1/energy_uj", 2_500_000);
        Assert.That(counter.ReadJoules(), Is.EqualTo(0.7 + 0.35 + 0.2).Within(1e-12));
        Assert.That(counter.Wraps, Is.EqualTo(1));
    }

    [Test]
    public void Delta_without_and_with_wrap()
    {
        Assert.That(RaplEnergyCounter.Delta(10, 25, 100), Is.EqualTo(15));
        Assert.That(RaplEnergyCounter.Delta(90, 5, 100), Is.EqualTo(15));
    }

    [Test]
    public void Probe_says_why_there_is_nothing()
    {
        Assert.That(RaplPowercap.Probe(_tree.Root).Devices, Has.Count.EqualTo(6));
        Assert.That(RaplPowercap.Probe(_tree.PathOf("missing")).Reason, Does.Contain("does not exist"));
        var empty = _tree.PathOf("empty");
        Directory.CreateDirectory(empty);
        Assert.That(RaplPowercap.Probe(empty).Reason, Does.Contain("no intel-rapl:* zone"));
    }

    [Test]
    public void This_machine_reports_rapl_domains_or_why_not()
    {
        var classDirectory = RaplPowercap.DefaultClassDirectory;
        var probe = RaplPowercap.Probe();
        if (!Directory.Exists(classDirectory))
        {
            Assert.That(probe.Available, Is.False);
            Assert.That(probe.Reason, Does.Contain($"{classDirectory} does not exist"));
            return;
        }
        var zones = Directory.EnumerateDirectories(classDirectory, "intel-rapl:*")
            .Where(z => File.Exists(Path.Combine(z, "energy_uj")) && File.Exists(Path.Combine(z, "max_energy_range_uj"))).ToList();
        if (zones.Count == 0)
        {
            Assert.That(probe.Reason, Does.Contain("no intel-rapl:* zone"));
            return;
        }
        var first = Path.Combine(zones.Order(StringComparer.Ordinal).First(), "energy_uj");
        string? text = null;
        try
        {
            text = File.ReadAllText(first);
        }
        catch (UnauthorizedAccessException)
        {
        }
        if (text is null)
        {
            Assert.That(probe.Reason, Does.Contain("readable by root only"));
            return;
        }
        Assert.That(probe.Available, Is.True, probe.Reason);
        Assert.That(probe.Devices, Has.Count.EqualTo(RaplPowercap.Discover().Count));
        var counter = new RaplEnergyCounter(RaplPowercap.Discover());
        var readings = Enumerable.Range(0, 5).Select(_ => { Thread.Sleep(20); return counter.ReadJoules(); }).ToList();
        Assert.That(readings, Is.Ordered, "a cumulative energy counter never goes backwards");
    }

    private void Zone(string id, string? name, ulong energy, bool write = true)
    {
        Directory.CreateDirectory(_tree.PathOf(id));
        if (!write)
        {
            return;
        }
        _tree.Write($"{id}/name", name!);
        _tree.Write($"{id}/energy_uj", energy);
        _tree.Write($"{id}/max_energy_range_uj", Range);
    }
}
