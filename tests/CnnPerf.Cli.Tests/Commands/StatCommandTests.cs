using System.Globalization;
using System.Text.Json;
using CnnPerf.Cli.Tests.TestSupport;
using CnnPerf.Native.Tests.TestSupport;
using CnnPerf.Tests;

namespace CnnPerf.Cli.Tests.Commands;

public class StatCommandTests
{
    // Touches 3000 fresh anonymous pages (one fault each) and exits with the code given as argument.
    private const string FaultingProgram = """
        #include <stdlib.h>
        #include <sys/mman.h>
        int main(int argc, char **argv) {
            size_t pages = 3000, size = pages * 4096;
            char *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED) return 99;
            madvise(p, size, MADV_NOHUGEPAGE);
            for (size_t i = 0; i < pages; i++) p[i * 4096] = 1;
            return argc > 1 ? atoi(argv[1]) : 0;
        }
        """;

    private static string? _program;

    private static string Program => _program ??= CProgram.Compile(FaultingProgram, "touch_pages");

    [Test]
    public void PageFaultsAgreeWithPerfStatWithinOnePercent()
    {
        var perf = SetupTool.Require("linux-perf", "perf");
        var (perfExit, perfOutput) = CProgram.Run(perf, ["stat", "-x", ",", "-e", "page-faults,task-clock", Program]);
        Assert.That(perfExit, Is.Zero, perfOutput);
        var perfFaults = double.Parse(perfOutput.Split('\n').Single(l => l.Contains(",page-faults", StringComparison.Ordinal)).Split(',')[0], CultureInfo.InvariantCulture);

        var (exitCode, json, stderr) = CnnPerfTool.RunJson("stat", "-e", "page-faults,task-clock", "--", Program);
        Assert.That(exitCode, Is.Zero, stderr);
        var metrics = json.GetProperty("metrics");
        var faults = metrics.GetProperty("sw.page_faults").GetProperty("value").GetDouble();

        Assert.That(faults, Is.GreaterThanOrEqualTo(3000));
        Assert.That(faults, Is.EqualTo(perfFaults).Within(1).Percent, $"cnnperf {faults} vs perf {perfFaults} page faults");
        Assert.That(metrics.GetProperty("sw.task_clock_ms").GetProperty("unit").GetString(), Is.EqualTo("ms"));
        Assert.That(metrics.GetProperty("sw.page_faults").GetProperty("provenance").GetString(), Is.EqualTo("measured"));
    }

    [Test]
    public void ReturnsTheCommandsExitCodeAndReportsUnavailableEvents()
    {
        var (exitCode, json, _) = CnnPerfTool.RunJson("stat", "-e", "page-faults,cycles", "--", Program, "7");

        Assert.That(exitCode, Is.EqualTo(7));
        Assert.That(json.GetProperty("exit_code").GetInt32(), Is.EqualTo(7));
        var unavailable = json.GetProperty("unavailable").EnumerateArray().Select(u => u.GetProperty("name").GetString()).ToList();
        var cyclesCounted = json.GetProperty("metrics").TryGetProperty("hw.cycles", out _);
        Assert.That(cyclesCounted ^ unavailable.Contains("cycles"), Is.True, "cycles is either counted or reported unavailable");
    }

    [Test]
    public void TextGoesToStderrLikePerf()
    {
        var (exitCode, stdout, stderr) = CnnPerfTool.Run("stat", "--", Program);
        Assert.That(exitCode, Is.Zero);
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("[sw.page_faults]").And.Contain("seconds time elapsed"));
    }

    [TestCase(new[] { "stat", "-e", "no-such-event", "--", "/bin/true" }, 2, "unknown event 'no-such-event'")]
    [TestCase(new[] { "stat", "--", "/no/such/command" }, 127, "cnnperf stat: /no/such/command: command not found")]
    [TestCase(new[] { "stat", "--", "nosuchcmd" }, 127, "cnnperf stat: nosuchcmd: command not found")]
    [TestCase(new[] { "stat", "--", "/etc" }, 126, "cnnperf stat: /etc: cannot be run: ")]
    [TestCase(new[] { "stat" }, 2, "command")]
    public void BadInputIsAOneLineError(string[] arguments, int expectedExit, string expected)
    {
        var (exitCode, _, stderr) = CnnPerfTool.Run(arguments);
        Assert.That(exitCode, Is.EqualTo(expectedExit));
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void A_command_killed_by_a_signal_is_reported_with_the_signals_name_and_its_exit_code()
    {
        var (exitCode, _, stderr) = CnnPerfTool.Run("stat", "-e", "task-clock", "--", "/bin/sh", "-c", "kill -SEGV $$");

        Assert.That(exitCode, Is.EqualTo(128 + 11));
        Assert.That(stderr.TrimEnd().Split('\n')[^1], Is.EqualTo("cnnperf stat: '/bin/sh -c kill -SEGV $$' was terminated by SIGSEGV (11) (exit code 139)"));
    }

    [Test]
    public void A_file_that_is_not_executable_exits_126()
    {
        using var folder = new TemporaryFolder();
        var script = Path.Combine(folder.Path, "script.sh");
        File.WriteAllText(script, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (exitCode, stdout, stderr) = CnnPerfTool.Run("--json", "stat", "--", script);

        Assert.That(exitCode, Is.EqualTo(126));
        Assert.That(JsonDocument.Parse(stdout).RootElement.GetProperty("error").GetString(), Does.StartWith($"{script}: cannot be run: "));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }
}
