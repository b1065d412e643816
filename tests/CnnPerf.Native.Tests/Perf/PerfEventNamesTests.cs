using CnnPerf.Native.Perf;
using CnnPerf.Native.Perf.Sysfs;

namespace CnnPerf.Native.Tests.Perf;

public class PerfEventNamesTests
{
    private static PmuCatalog FakeX86 => new(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "sysfs", "x86"));

    [Test]
    public void ParsesStandardNamesAliasesRawCodesAndPmuEvents()
    {
        Assert.That(PerfEventNames.Parse("task-clock"), Is.SameAs(SoftwareEvent.TaskClock));
        Assert.That(PerfEventNames.Parse("cs"), Is.SameAs(SoftwareEvent.ContextSwitches));
        Assert.That(PerfEventNames.Parse("cpu-cycles"), Is.SameAs(HardwareEvent.CpuCycles));
        Assert.That(PerfEventNames.Parse("L1-dcache-load-misses").Config, Is.EqualTo(0x10000UL));
        Assert.That(PerfEventNames.Parse("r01c2"), Is.EqualTo(new RawEvent(0x1c2)));
        Assert.That(PerfEventNames.Parse("power/energy-pkg/", FakeX86).Type, Is.EqualTo(11u));
    }

    [Test]
    public void ParsesListsKeepingCommasInsidePmuTerms()
    {
        var events = PerfEventNames.ParseList("page-faults,cpu/event=0x3c,umask=0x00/,task-clock,power/energy-pkg/", FakeX86);
        Assert.That(events.Select(e => e.Name), Is.EqualTo(new[] { "page-faults", "cpu/event=0x3c,umask=0x00/", "task-clock", "power/energy-pkg/" }));
    }

    [TestCase("no-such-event")]
    [TestCase("rzz")]
    [TestCase(",")]
    public void RejectsUnknownEvents(string list)
    {
        Assert.Throws<CnnPerfException>(() => PerfEventNames.ParseList(list, FakeX86));
    }
}
