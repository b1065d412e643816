using System.Diagnostics;
using CnnPerf.Running;
using CnnPerf.Store;

namespace CnnPerf.Cli.Tests.Commands;

[Category("Slow")]
public class StudyCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-study-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_study_writes_the_store_and_both_csv_files_and_says_where()
    {
        var (exitCode, output, error) = CliRun.Invoke("study", "--models", "squeezenet1_1", "--backends", "onnxruntime", "--threads", "1",
            "--iterations", "3", "--warmup", "1", "--out", _folder);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("[1/1] squeezenet1_1/onnxruntime/1t: ok, p50 "));
        Assert.That(output, Does.Contain("1 of 1 configurations measured (0 failed)."));
        Assert.That(output, Does.Contain(Path.Combine(_folder, StudyCommandStoreName)));
        Assert.That(File.ReadLines(Path.Combine(_folder, "configurations.csv")).Count(), Is.EqualTo(2));
        Assert.That(File.ReadLines(Path.Combine(_folder, "metrics.csv")).Skip(1).First(), Does.StartWith("1,1,squeezenet1_1,onnxruntime,"));
    }

    [Test]
    public void Sigint_stops_the_study_and_keeps_every_finished_configuration()
    {
        var command = WorkerCommandLine.ForThisTool().SkipLast(1).ToList();
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1).Concat(["study", "--models", "squeezenet1_1", "mobilenet_v1", "--backends", "onnxruntime",
                     "--threads", "1,2", "--iterations", "20", "--warmup", "1", "--out", _folder]))
        {
            start.ArgumentList.Add(argument);
        }
        using var study = Process.Start(start)!;
        var lines = new List<string>();
        string? line;
        while ((line = study.StandardOutput.ReadLine()) is not null)
        {
            lines.Add(line);
            if (line.StartsWith("[2/4] ", StringComparison.Ordinal) && line.EndsWith(": measuring", StringComparison.Ordinal))
            {
                using var kill = Process.Start("kill", ["-INT", study.Id.ToString()]);
                kill.WaitForExit();
            }
        }
        study.WaitForExit();
        var error = study.StandardError.ReadToEnd();

        Assert.That(study.ExitCode, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain("SIGINT received, stopping after the current inference"));
        var finished = lines.Where(l => l.Contains("t: ok,", StringComparison.Ordinal)).ToList();
        Assert.That(finished, Has.Count.InRange(1, 3), string.Join("\n", lines));
        Assert.That(lines, Has.Some.Contains("configurations measured (0 failed), interrupted."));
        using var store = ResultStore.Open(Path.Combine(_folder, StudyCommandStoreName));
        var stored = store.Configurations();
        Assert.That(stored.Select(c => $"{c.Model}/{c.Backend}/{c.Threads}t"), Is.EqualTo(finished.Select(l => l.Split(' ')[1].TrimEnd(':'))));
        Assert.That(stored.Select(c => c.Status), Is.All.EqualTo(RunStatus.Ok));
        Assert.That(File.Exists(Path.Combine(_folder, "configurations.csv")), Is.True);
    }

    private const string StudyCommandStoreName = "results.db";
}
