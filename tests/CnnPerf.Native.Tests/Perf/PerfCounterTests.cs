using CnnPerf.Native.Perf;
using CnnPerf.Native.Processes;
using CnnPerf.Native.Tests.TestSupport;

namespace CnnPerf.Native.Tests.Perf;

public class PerfCounterTests
{
    [Test]
    public void TaskClockOfASpinningThreadAgreesWithItsGetrusageCpuTime()
    {
        double counted = 0, rusage = 0;
        var thread = new Thread(() =>
        {
            using var counter = new PerfEventBuilder().Open(SoftwareEvent.TaskClock);
            var before = ResourceUsage.OfCurrentThread().CpuTime;
            var start = counter.Read();
            Workloads.Spin(60_000_000);
            counted = counter.Read().Since(start).Raw / 1e6;
            rusage = (ResourceUsage.OfCurrentThread().CpuTime - before).TotalMilliseconds;
        });
        thread.Start();
        thread.Join();

        Assert.That(rusage, Is.GreaterThan(10), "the spin must take measurable CPU time");
        Assert.That(counted, Is.EqualTo(rusage).Within(10).Percent, $"task-clock {counted:F1} ms vs getrusage(RUSAGE_THREAD) {rusage:F1} ms");
    }

    [Test]
    public void PageFaultsOfTouchingFreshNativePagesAreAtLeastThePageCount()
    {
        const int pages = 500;
        using var counter = new PerfEventBuilder().Open(SoftwareEvent.PageFaults);
        var before = counter.Read();
        Workloads.TouchFreshPages(pages);
        var delta = counter.Read().Since(before);

        Assert.That(delta.Raw, Is.GreaterThanOrEqualTo((ulong)pages));
        Assert.That(delta.RunningShare, Is.EqualTo(1.0), "software counters are never multiplexed");
    }

    [Test]
    public void DisabledCounterCountsOnlyWhileEnabled()
    {
        using var counter = new PerfEventBuilder { Disabled = true }.Open(SoftwareEvent.TaskClock);
        Workloads.Spin(1_000_000);
        Assert.That(counter.Read().Raw, Is.Zero);
        counter.Enable();
        Workloads.Spin(1_000_000);
        counter.Disable();
        var stopped = counter.Read();
        Workloads.Spin(1_000_000);

        Assert.That(stopped.Raw, Is.GreaterThan(0UL));
        Assert.That(counter.Read().Raw, Is.EqualTo(stopped.Raw));
        Assert.That(counter.Id, Is.GreaterThan(0UL));
    }

    [Test]
    public void HardwareEventsOpenWhereAPmuExistsAndOtherwiseSayNoPmu()
    {
        PerfCounter? counter = null;
        try
        {
            counter = new PerfEventBuilder().Open(HardwareEvent.Instructions);
        }
        catch (PerfEventException e)
        {
            Assert.That(CorePmuInSysfs(), Is.False, $"a core PMU is in sysfs, yet instructions failed: {e.Message}");
            Assert.That(e.Errno, Is.EqualTo("ENOENT"));
            Assert.That(e.Hint, Is.EqualTo("no PMU: hardware events are not exposed on this CPU or VM"));
            Assert.That(e.IsUnsupported, Is.True);
            Assert.That(e.Message, Does.Contain("instructions"));
            return;
        }
        using (counter)
        {
            var before = counter.Read();
            Workloads.Spin(1_000_000);
            Assert.That(counter.Read().Since(before).Raw, Is.GreaterThan(1_000_000UL), "a million iterations retire over a million instructions");
        }
    }

    [Test]
    public void CountsAnotherProcessByPid()
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", "read go; i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done"])
        {
            RedirectStandardInput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        using var counter = new PerfEventBuilder { Pid = process.Id }.Open(SoftwareEvent.TaskClock);
        process.StandardInput.WriteLine("go");
        process.StandardInput.Close();
        process.WaitForExit();

        Assert.That(counter.Read().Raw, Is.GreaterThan(1_000_000UL), "the shell loop runs well over 1 ms");
    }

    [Test]
    public void AMissingProcessIsESRCHWithAHint()
    {
        var e = Assert.Throws<PerfEventException>(() => new PerfEventBuilder { Pid = int.MaxValue }.Open(SoftwareEvent.TaskClock));
        Assert.That(e!.Errno, Is.EqualTo("ESRCH"));
        Assert.That(e.Hint, Does.Contain("no such process"));
    }

    [Test]
    public void ReadAfterDisposeThrowsObjectDisposed()
    {
        var counter = new PerfEventBuilder().Open(SoftwareEvent.TaskClock);
        counter.Dispose();
        Assert.Throws<ObjectDisposedException>(() => counter.Read());
    }

    internal static bool CorePmuInSysfs() =>
        Directory.Exists("/sys/bus/event_source/devices")
        && Directory.EnumerateDirectories("/sys/bus/event_source/devices")
            .Select(Path.GetFileName)
            .Any(n => n is "cpu" or "cpu_core" or "cpu_atom" || n!.StartsWith("armv", StringComparison.Ordinal));
}
