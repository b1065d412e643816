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

    [TestCase("0", new[] { 0 })]
    [TestCase("0,64\n", new[] { 0, 64 })]
    [TestCase("0-3,8", new[] { 0, 1, 2, 3, 8 })]
    public void Cpu_lists(string text, int[] expected)
    {
        Assert.That(RaplPerfCounter.ParseCpuList(text), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("a")]
    [TestCase("3-1")]
    public void Bad_cpu_lists_are_refused(string text)
    {
        Assert.That(() => RaplPerfCounter.ParseCpuList(text), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("not a CPU list"));
    }

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
    public void This_machine_counts_package_energy_or_says_why_not()
    {
        if (!Directory.Exists("/sys/bus/event_source/devices/power"))
        {
            Assert.That(() => RaplPerfCounter.Open(), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("no perf power PMU"));
            return;
        }
        try
        {
            using var counter = RaplPerfCounter.Open();
            Thread.Sleep(20);
            Assert.That(counter.ReadJoules(), Is.GreaterThanOrEqualTo(0));
        }
        catch (PerfEventException e) when (e.IsPermission)
        {
            Assert.Ignore($"the power PMU exists but this user may not count it: {e.Message}");
        }
    }
}
