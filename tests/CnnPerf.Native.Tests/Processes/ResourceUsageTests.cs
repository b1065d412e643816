using CnnPerf.Native.Processes;
using CnnPerf.Native.Tests.TestSupport;

namespace CnnPerf.Native.Tests.Processes;

public class ResourceUsageTests
{
    [Test]
    public void ThreadUsageIsPartOfProcessUsageAndCountsItsFaults()
    {
        var before = ResourceUsage.OfCurrentThread();
        Workloads.TouchFreshPages(100);
        Workloads.Spin(2_000_000);
        var thread = ResourceUsage.OfCurrentThread();
        var process = ResourceUsage.OfProcess();

        Assert.That(thread.MinorFaults - before.MinorFaults, Is.GreaterThanOrEqualTo(100));
        Assert.That(thread.CpuTime, Is.GreaterThan(before.CpuTime));
        Assert.That(process.CpuTime, Is.GreaterThanOrEqualTo(thread.CpuTime));
        Assert.That(process.MaxResidentBytes, Is.GreaterThan(1 << 20));
    }

    [Test]
    public void ChildUsageGrowsByTheCpuTimeOfAChildThatWasWaitedFor()
    {
        var before = ResourceUsage.OfChildren();
        using (var child = System.Diagnostics.Process.Start("/bin/sh", ["-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done"]))
        {
            child.WaitForExit();
            Assert.That(child.ExitCode, Is.Zero);
        }
        var after = ResourceUsage.OfChildren();

        Assert.That(after.CpuTime - before.CpuTime, Is.GreaterThan(TimeSpan.Zero), "the shell's loop ran on a CPU, and the child was reaped");
    }
}
