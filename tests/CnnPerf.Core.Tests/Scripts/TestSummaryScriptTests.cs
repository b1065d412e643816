using System.Diagnostics;
using CnnPerf.Tests;

namespace CnnPerf.Core.Tests.Scripts;

/// <summary>
/// scripts/test-summary.cs, the gate of scripts/test.sh: under CI a skip for a tool scripts/setup.sh installs fails
/// the run; a skip for missing hardware does not; a folder without results is a failure.
/// </summary>
[Category("Slow")]
public class TestSummaryScriptTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-trx-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Under_ci_a_skip_for_a_setup_tool_fails_and_a_hardware_skip_stays_a_skip()
    {
        WriteResults(("passes", "Passed", ""),
            ("needs_gcc", "NotExecuted", "gcc is not installed (Debian package gcc; scripts/setup.sh installs it)"),
            ("needs_gtk", "NotExecuted", "libgtk-3.so.0 is missing (OpenCV's native library needs it): apt-get install libgtk-3-0"),
            ("needs_pmu", "NotExecuted", "no PMU: hardware events are not exposed on this CPU or VM"));

        var (local, localOutput) = Summarize(ci: false);
        var (ci, ciOutput) = Summarize(ci: true);

        Assert.That(local, Is.Zero, localOutput);
        Assert.That(localOutput, Does.EndWith("1 passed, 0 failed, 3 skipped\n"));
        Assert.That(ci, Is.EqualTo(1), ciOutput);
        Assert.That(ciOutput, Does.Contain("FAILED (skipped under CI, but scripts/setup.sh installs gcc): needs_gcc"));
        Assert.That(ciOutput, Does.Contain("FAILED (skipped under CI, but scripts/setup.sh installs libgtk-3-0): needs_gtk"));
        Assert.That(ciOutput, Does.Contain("skipped: needs_pmu: no PMU"));
        Assert.That(ciOutput, Does.EndWith("1 passed, 2 failed, 1 skipped\n"));
    }

    [Test]
    public void A_folder_without_results_fails()
    {
        var (exitCode, output) = Summarize(ci: false);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain("nothing ran"));
    }

    private void WriteResults(params (string Name, string Outcome, string Message)[] results)
    {
        var body = string.Concat(results.Select(r =>
            $"<UnitTestResult testName=\"{r.Name}\" outcome=\"{r.Outcome}\"><Output><ErrorInfo><Message>{System.Security.SecurityElement.Escape(r.Message)}</Message></ErrorInfo></Output></UnitTestResult>"));
        File.WriteAllText(Path.Combine(_folder, "results.trx"),
            $"<?xml version=\"1.0\"?><TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results>{body}</Results></TestRun>");
    }

    private (int ExitCode, string Output) Summarize(bool ci)
    {
        var start = new ProcessStartInfo("dotnet", ["run", Path.Combine(RepositoryFolder.Root, "scripts", "test-summary.cs"), "--", _folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CI"] = ci ? "true" : "";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
