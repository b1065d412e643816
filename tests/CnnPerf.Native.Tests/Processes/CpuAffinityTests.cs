using CnnPerf.Native.Processes;

namespace CnnPerf.Native.Tests.Processes;

public class CpuAffinityTests
{
    [Test]
    public void PinsAThreadToOneCpuAndBack()
    {
        IReadOnlyList<int> original = [], pinned = [];
        var thread = new Thread(() =>
        {
            original = CpuAffinity.Get();
            CpuAffinity.Set([original[^1]]);
            pinned = CpuAffinity.Get();
            CpuAffinity.Set([.. original]);
        });
        thread.Start();
        thread.Join();

        Assert.That(original, Is.Not.Empty);
        Assert.That(pinned, Is.EqualTo(new[] { original[^1] }));
    }

    [Test]
    public void PinsAnotherProcessesThreads()
    {
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sleep", ["5"]))!;
        try
        {
            var cpu = CpuAffinity.Get()[0];
            CpuAffinity.SetProcess(child.Id, [cpu]);
            Assert.That(CpuAffinity.Get(child.Id), Is.EqualTo(new[] { cpu }));
        }
        finally
        {
            child.Kill();
        }
    }

    [Test]
    public void RejectsEmptyAndOutOfRangeSetsAndReportsOfflineCpus()
    {
        Assert.Throws<ArgumentException>(() => CpuAffinity.Set([]));
        Assert.Throws<ArgumentException>(() => CpuAffinity.Set([-1]));
        var offline = Environment.ProcessorCount + 1000;
        var e = Assert.Throws<SystemCallException>(() => CpuAffinity.Set([offline], int.MaxValue - 1));
        Assert.That(e!.Errno, Is.AnyOf("EINVAL", "ESRCH"));
        var invalid = Assert.Throws<SystemCallException>(() => CpuAffinity.Set([offline]));
        Assert.That(invalid!.Errno, Is.EqualTo("EINVAL"));
    }
}
