using System.Diagnostics;
using CnnPerf.Native.Perf;

namespace CnnPerf.Native.Tests.Perf;

public class CountedProcessTests
{
    [Test]
    public async Task CountsTheCommandFromExecIncludingItsChildren()
    {
        // The shell itself only starts children: the 20000-iteration loop (tens of ms) runs in a subshell child,
        // and two more children exec /bin/true. Their work folds into the group when they exit.
        var start = new ProcessStartInfo("/bin/sh", ["-c", "(i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done); /bin/true; /bin/true"]);
        using var counted = CountedProcess.Start(start, [SoftwareEvent.TaskClock, SoftwareEvent.PageFaults]);
        var reading = await counted.WaitForExitAsync();

        Assert.That(counted.Process.ExitCode, Is.Zero);
        var taskClock = reading[SoftwareEvent.TaskClock];
        Assert.That(taskClock.Raw, Is.GreaterThan(10_000_000UL), "the subshell's loop takes well over 10 ms of CPU; the shell alone about 1 ms");
        Assert.That(reading[SoftwareEvent.PageFaults].Raw, Is.GreaterThan(50UL), "exec of sh and its children fault in their pages");
        Assert.That(taskClock.TimeEnabled, Is.GreaterThanOrEqualTo(taskClock.Raw));
    }

    [Test]
    public void DoesNotCountTheParentsOwnWork()
    {
        var start = new ProcessStartInfo("/bin/true");
        using var counted = CountedProcess.Start(start, [SoftwareEvent.TaskClock]);
        counted.Process.WaitForExit();
        var afterChild = counted.Read()[SoftwareEvent.TaskClock];
        Assert.That(afterChild.Raw, Is.GreaterThan(0UL), "the command itself is counted");
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
        Assert.That(e!.Message, Does.Contain("/nonexistent/command").And.Not.Contain("\n"));
    }
}
