using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Tests.Perf;

public class PerfEventProbeTests
{
    [Test]
    public void ProbesEveryStandardEventWithAReasonForEachMissingOne()
    {
        var results = PerfEventProbe.ProbeStandard();

        Assert.That(results, Has.Count.EqualTo(HardwareEvent.All.Count + HardwareCacheEvent.All.Count + SoftwareEvent.All.Count));
        Assert.That(results.Single(r => r.Event == SoftwareEvent.TaskClock).Opened, Is.True);
        foreach (var missing in results.Where(r => !r.Opened))
        {
            Assert.That(missing.Errno, Does.StartWith("E"), missing.Event.Name);
            Assert.That(missing.Hint, Is.Not.Empty, missing.Event.Name);
        }
        if (!PerfCounterTests.CorePmuInSysfs())
        {
            Assert.That(results.Where(r => r.Event.Kind == "hardware").Select(r => r.Errno), Is.All.EqualTo("ENOENT"));
        }
    }
}
