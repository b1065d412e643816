using System.Diagnostics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Tests.Perf;

public class CountedProcessTests
{
    [Test]
    public async Task CountsTheCommandFromExecIncludingItsChildren()
    {
        // The shell runs two children; their work folds into the group when they exit.
        var start = new ProcessStartInfo("/bin/sh", ["-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; /bin/true; /bin/true"]);
        using var counted = CountedProcess.Start(start, [SoftwareEvent.TaskClock, SoftwareEvent.PageFaults]);
        var reading = await counted.WaitForExitAsync();

        Assert.That(counted.Process.ExitCode, Is.Zero);
        var taskClock = reading[SoftwareEvent.TaskClock];
        Assert.That(taskClock.Raw, Is.GreaterThan(1_000_000UL), "a 20000-iteration shell loop takes well over 1 ms of CPU");
        Assert.That(reading[SoftwareEvent.PageFaults].Raw, Is.GreaterThan(50UL), "exec of sh and two children fault in their pages");
        Assert.That(taskClock.TimeEnabled, Is.GreaterThanOrEqualTo(taskClock.Raw));
    }

    [Test]
    public void DoesNotCountTheParentsOwnWork()
    {
        var start = new ProcessStartInfo("/bin/true");
        using var counted = CountedProcess.Start(start, [SoftwareEvent.TaskClock]);
        counted.Process.WaitForExit();
        var afterChild = counted.Read()[SoftwareEvent.TaskClock];
        // The parent spins; the group stays disabled in the parent, so the count does not move.
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
        while (Stopwatch.GetTimestamp() < until) { }
        Assert.That(counted.Read()[SoftwareEvent.TaskClock].Raw, Is.EqualTo(afterChild.Raw));
    }

    [Test]
    public void MissingCommandIsAOneLineError()
    {
        var start = new ProcessStartInfo("/nonexistent/command");
        var e = Assert.Throws<CnnPerfException>(() => CountedProcess.Start(start, [SoftwareEvent.TaskClock]));
        Assert.That(e!.Message, Does.Contain("/nonexistent/command"));
    }
}
