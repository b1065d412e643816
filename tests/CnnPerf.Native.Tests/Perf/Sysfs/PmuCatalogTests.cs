using CnnPerf.Native.Perf;
using CnnPerf.Native.Perf.Sysfs;

namespace CnnPerf.Native.Tests.Perf.Sysfs;

public class PmuCatalogTests
{
    private static string Tree(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "sysfs", name);

    [Test]
    public void ResolvesRawTermsOfAnX86CorePmu()
    {
        var pmus = new PmuCatalog(Tree("x86"));
        var perfEvent = pmus.Resolve("cpu/event=0x3c,umask=0x00/");

        Assert.That(perfEvent.Type, Is.EqualTo(4u));
        Assert.That(perfEvent.Config, Is.EqualTo(0x3cUL));
        Assert.That(perfEvent.Kind, Is.EqualTo("pmu"));
        Assert.That(pmus.Resolve("cpu/event=0xd1,umask=0x20,cmask=2,inv,edge/").Config,
            Is.EqualTo(0xd1UL | 0x20UL << 8 | 2UL << 24 | 1UL << 23 | 1UL << 18));
    }

    [Test]
    public void ResolvesNamedEventsWithFormatsInOtherConfigWords()
    {
        var pmus = new PmuCatalog(Tree("x86"));
        var memLoads = pmus.Resolve("cpu/mem-loads/");
        Assert.That(memLoads.Config, Is.EqualTo(0xcdUL | 0x1UL << 8));
        Assert.That(memLoads.Config1, Is.EqualTo(3UL), "ldlat lives in config1:0-15");

        var slots = pmus.Resolve("cpu/topdown-total-slots/");
        Assert.That(slots.Config, Is.EqualTo(0x3cUL | 1UL << 21));
        Assert.That(slots.Scale, Is.EqualTo(2.0));
        Assert.That(pmus.Resolve("cpu/cpu-cycles/").Config, Is.EqualTo(0x3cUL));
    }

    [Test]
    public void ResolvesRaplEnergyWithScaleAndUnit()
    {
        var energy = new PmuCatalog(Tree("x86")).Resolve("power/energy-pkg/");

        Assert.That(energy.Type, Is.EqualTo(11u));
        Assert.That(energy.Config, Is.EqualTo(2UL));
        Assert.That(energy.Scale, Is.EqualTo(2.3283064365386962890625e-10));
        Assert.That(energy.Unit, Is.EqualTo("Joules"));
    }

    [Test]
    public void ResolvesArmCortexA53PmuV3Events()
    {
        var pmus = new PmuCatalog(Tree("arm"));
        var device = pmus.Load("armv8_cortex_a53");

        Assert.That(device.Type, Is.EqualTo(8u));
        Assert.That(device.Events.Keys, Has.Member("l1d_cache_refill").And.Member("br_mis_pred").And.Member("inst_retired"));
        Assert.That(pmus.Resolve("armv8_cortex_a53/L1D_CACHE_REFILL/").Config, Is.EqualTo(0x03UL), "names match case-insensitively, like perf");
        Assert.That(pmus.Resolve("armv8_cortex_a53/BR_MIS_PRED/").Config, Is.EqualTo(0x10UL));
        var longCycles = pmus.Resolve("armv8_cortex_a53/cpu_cycles,long/");
        Assert.That((longCycles.Config, longCycles.Config1), Is.EqualTo((0x11UL, 1UL)));
        Assert.That(pmus.Names, Is.EqualTo(new[] { "armv8_cortex_a53", "software" }));
    }

    [TestCase("cpu/event=0x100/", "does not fit its 8 bits")]
    [TestCase("cpu/nonsense/", "no event or format term 'nonsense'")]
    [TestCase("cpu/event=zz/", "needs a number")]
    [TestCase("cpu//", "no event terms")]
    [TestCase("cpu/", "not a PMU event")]
    [TestCase("gpu/event=1/", "no PMU 'gpu'")]
    public void BadSpecsAreOneLineErrors(string spec, string expected)
    {
        var e = Assert.Throws<CnnPerfException>(() => new PmuCatalog(Tree("x86")).Resolve(spec));
        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [TestCase("cpu", "does not hold a number")]
    [TestCase("odd", "expected 'configN:LOW-HIGH'")]
    public void BrokenTreesAreReported(string pmu, string expected)
    {
        var e = Assert.Throws<CnnPerfException>(() => new PmuCatalog(Tree("broken")).Load(pmu));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void ReadsTheRealSysfsAndCountsThroughTheSoftwarePmu()
    {
        var pmus = new PmuCatalog();
        Assume.That(pmus.Names, Has.Member("software"), "no /sys/bus/event_source/devices/software here");
        foreach (var name in pmus.Names)
        {
            var device = pmus.Load(name);
            Assert.That(device.Type, Is.EqualTo(uint.Parse(File.ReadAllText(Path.Combine(PmuCatalog.DefaultRoot, name, "type")).Trim())));
        }

        // software/config=1/ is task-clock spelled in PMU syntax: resolve it and count with it.
        var taskClock = pmus.Resolve("software/config=1/");
        Assert.That((taskClock.Type, taskClock.Config), Is.EqualTo(((uint)PerfEventType.Software, 1UL)));
        using var counter = new PerfEventBuilder().Open(taskClock);
        var spin = 0.0;
        for (var i = 0; i < 1_000_000; i++) spin += Math.Sqrt(i);
        Assert.That(counter.Read().Raw, Is.GreaterThan(0UL), $"spun to {spin}");
    }

    [Test]
    public void ResolvesNamedEventsOfTheRealSysfsWhereAnyExist()
    {
        var pmus = new PmuCatalog();
        var named = pmus.Names.SelectMany(n => pmus.Load(n).Events.Values.Select(e => (Pmu: n, Alias: e))).ToList();
        Assume.That(named, Is.Not.Empty, "no PMU here publishes named events");
        foreach (var (pmu, alias) in named)
        {
            Assert.DoesNotThrow(() => pmus.Resolve($"{pmu}/{alias.Name}/"), $"{pmu}/{alias.Name}/ = {alias.Terms}");
        }
    }
}
