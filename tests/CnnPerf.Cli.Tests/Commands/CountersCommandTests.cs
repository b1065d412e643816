using CnnPerf.Cli.Tests.TestSupport;

namespace CnnPerf.Cli.Tests.Commands;

public class CountersCommandTests
{
    [Test]
    public void JsonListsEveryEventWithAvailabilityAndTheReasonWhenMissing()
    {
        var (exitCode, json, stderr) = CnnPerfTool.RunJson("counters");
        Assert.That(exitCode, Is.Zero, stderr);

        var events = json.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.That(events, Has.Count.GreaterThanOrEqualTo(64), "10 hardware + 42 hw-cache + 12 software events, plus sysfs PMU events");
        var taskClock = events["task-clock"];
        Assert.That(taskClock.GetProperty("kind").GetString(), Is.EqualTo("software"));
        Assert.That(taskClock.GetProperty("available").GetBoolean(), Is.True);
        Assert.That(taskClock.TryGetProperty("errno", out _), Is.False, "no errno for an available event");

        var cycles = events["cycles"];
        Assert.That(cycles.GetProperty("kind").GetString(), Is.EqualTo("hardware"));
        if (!cycles.GetProperty("available").GetBoolean())
        {
            Assert.That(cycles.GetProperty("errno").GetString(), Does.StartWith("E"));
            Assert.That(cycles.GetProperty("reason").GetString(), Is.Not.Empty);
        }
        if (!Directory.Exists("/sys/bus/event_source/devices/cpu"))
        {
            Assert.That(cycles.GetProperty("errno").GetString(), Is.EqualTo("ENOENT"));
            Assert.That(cycles.GetProperty("reason").GetString(), Does.Contain("no PMU"));
        }
    }

    [Test]
    public void TextListsOneLinePerEventAndASummary()
    {
        var (exitCode, stdout, _) = CnnPerfTool.Run("counters");
        Assert.That(exitCode, Is.Zero);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("EVENT"));
        Assert.That(lines.Any(l => l.StartsWith("task-clock ", StringComparison.Ordinal) && l.Contains("available")), Is.True);
        Assert.That(lines[^1], Does.Match(@"^\d+ of \d+ events available$"));
    }
}
