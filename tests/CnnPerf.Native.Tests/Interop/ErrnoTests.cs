using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Tests.Interop;

public class ErrnoTests
{
    [Test]
    public void PermissionErrorsNameParanoidAndCapPerfmon()
    {
        var e = Errno.PerfEvent("perf_event_open(cycles, this thread)", 13, needsPmu: true);
        Assert.That(e.Errno, Is.EqualTo("EACCES"));
        Assert.That(e.IsPermission, Is.True);
        Assert.That(e.Message, Does.Contain("perf_event_paranoid=").And.Contain("CAP_PERFMON").And.StartWith("perf_event_open(cycles"));
        Assert.That(Errno.PerfEvent("x", 1, needsPmu: false).Hint, Does.Contain("CAP_PERFMON"));
    }

    [Test]
    public void AttrSizeErrorsNameBothSizes()
    {
        Assert.That(Errno.PerfEvent("x", 7, needsPmu: false, attrSize: 128).Hint, Does.Contain("136").And.Contain("128"));
    }

    [Test]
    public void EnoentDistinguishesMissingPmuFromUnknownSoftwareEvent()
    {
        Assert.That(Errno.PerfEvent("x", 2, needsPmu: true).Hint, Is.EqualTo("no PMU: hardware events are not exposed on this CPU or VM"));
        Assert.That(Errno.PerfEvent("x", 2, needsPmu: false).Hint, Does.Contain("does not know"));
    }

    [Test]
    public void TooManyFilesAndUnknownErrnosAreNamed()
    {
        Assert.That(Errno.PerfEvent("x", 24, needsPmu: false).Hint, Does.Contain("ulimit -n"));
        Assert.That(Errno.Name(24), Is.EqualTo("EMFILE"));
        Assert.That(Errno.Name(4242), Is.EqualTo("errno 4242"));
        Assert.That(Errno.SystemCall("sched_setaffinity(0)", 22).Message, Is.EqualTo("sched_setaffinity(0) failed: EINVAL: invalid argument (for example a CPU set with no online core)"));
    }
}
