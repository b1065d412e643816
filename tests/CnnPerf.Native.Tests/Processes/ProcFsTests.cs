using CnnPerf.Native.Processes;

namespace CnnPerf.Native.Tests.Processes;

public class ProcFsTests
{
    private static ProcFs Recorded => new(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "proc"), "4242");

    [Test]
    public void ParsesARecordedStatusFile()
    {
        var status = Recorded.ReadStatus();
        Assert.That(status.ResidentBytes, Is.EqualTo(1696L * 1024));
        Assert.That(status.PeakResidentBytes, Is.EqualTo(1696L * 1024));
        Assert.That(status.VirtualBytes, Is.EqualTo(3060L * 1024));
        Assert.That(status.Threads, Is.EqualTo(1));
    }

    [Test]
    public void ParsesARecordedStatLineWhoseCommandHasSpacesAndParentheses()
    {
        var stat = Recorded.ReadStat();
        Assert.That((stat.Pid, stat.Command, stat.State), Is.EqualTo((4242, "my (odd) app", 'S')));
        Assert.That((stat.MinorFaults, stat.MajorFaults, stat.UserTicks, stat.SystemTicks), Is.EqualTo((12345L, 7L, 250L, 37L)));
        Assert.That((stat.Threads, stat.StartTicks, stat.VirtualBytes, stat.ResidentPages), Is.EqualTo((9, 123456L, 2684354560L, 5120L)));
    }

    [Test]
    public void ReadsEveryThreadsSchedstat()
    {
        var stats = Recorded.ReadThreadSchedStats();
        Assert.That(stats, Is.EqualTo(new[] { new ThreadSchedStat(4242, 2_500_000_000, 1_000_000, 321), new ThreadSchedStat(4250, 7_000_000, 20_000, 5) }));
    }

    [TestCase("")]
    [TestCase("VmRSS:\t12 kB\nVmHWM:\tlots kB\nThreads:\t1\n")]
    [TestCase("VmRSS:\t12 MB\n")]
    public void RejectsBrokenStatus(string text)
    {
        Assert.Throws<CnnPerfException>(() => ProcessStatus.Parse(text));
    }

    [TestCase("4242 my app S 1")]
    [TestCase("4242 (app) S 1 2 3")]
    [TestCase("x (app) S 1 4242 4242 0 -1 4194560 12345 0 7 0 250 37 0 0 20 0 9 0 123456 2684354560 5120")]
    public void RejectsBrokenStat(string text)
    {
        Assert.Throws<CnnPerfException>(() => ProcessStat.Parse(text));
    }

    [Test]
    public void RejectsBrokenSchedstatAndMissingFiles()
    {
        Assert.Throws<CnnPerfException>(() => ThreadSchedStat.Parse(1, "12 abc"));
        var e = Assert.Throws<CnnPerfException>(() => new ProcFs("/nonexistent", "self").ReadStatus());
        Assert.That(e!.Message, Does.Contain("/nonexistent/self/status"));
    }

    [Test]
    public void ReadsTheRealProcOfThisProcess()
    {
        var proc = new ProcFs();
        var status = proc.ReadStatus();
        var stat = proc.ReadStat();
        var threads = proc.ThreadIds();

        Assert.That(status.PeakResidentBytes, Is.GreaterThanOrEqualTo(status.ResidentBytes));
        Assert.That(status.ResidentBytes, Is.GreaterThan(1 << 20), "a .NET process is bigger than 1 MiB");
        Assert.That(stat.Pid, Is.EqualTo(Environment.ProcessId));
        Assert.That(threads, Does.Contain(Environment.ProcessId));
        Assert.That(proc.ReadThreadSchedStats().Sum(s => (double)s.RunNanoseconds), Is.GreaterThan(0));
        Assert.That(ProcFs.ClockTicksPerSecond, Is.GreaterThan(0));
    }
}
