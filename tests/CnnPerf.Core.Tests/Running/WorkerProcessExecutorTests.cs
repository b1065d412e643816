using CnnPerf.Models;
using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

/// <summary>Real worker processes (small shell scripts) that crash, fail or hang, as the executor must report them.</summary>
public class WorkerProcessExecutorTests
{
    private static readonly RunConfiguration Configuration =
        RunConfiguration.For(new ModelSource("m", "/tmp/m.onnx", ModelFormat.Onnx), "x").WithIterations(1).Build();

    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-executor-test-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static RunResult RunShell(string script, TimeSpan? timeout = null) =>
        new WorkerProcessExecutor(new WorkerOptions(["/bin/sh", "-c", script, "worker"]) { Timeout = timeout ?? TimeSpan.FromMinutes(1) })
            .Execute(Configuration);

    /// <summary>
    /// A shell worker that records its folder (the one of --config, $2) and its process id, says "ready" on stderr,
    /// then runs <paramref name="body"/>, and a stop request that comes when it is ready (and a kill request with it
    /// when <paramref name="kill"/>).
    /// </summary>
    private (RunResult Result, string WorkerFolder, int Pid) RunUntilStopped(string body, bool kill = false, TimeSpan? grace = null)
    {
        var record = Path.Combine(_folder, "worker-folder");
        var executor = new WorkerProcessExecutor(new WorkerOptions(["/bin/sh", "-c", $"dirname \"$2\" > {record}; echo ready >&2; {body}", "worker"])
        {
            CancelGrace = grace ?? TimeSpan.FromSeconds(5),
        });
        using var stop = new CancellationTokenSource();
        using var killing = new CancellationTokenSource();
        var pid = 0;
        executor.WorkerStarted += id => pid = id;
        executor.WorkerOutput += (_, line) =>
        {
            if (line == "ready")
            {
                stop.Cancel();
                if (kill)
                {
                    killing.Cancel();
                }
            }
        };
        var result = executor.Execute(Configuration, stop.Token, killing.Token);
        return (result, File.ReadAllText(record).Trim(), pid);
    }

    [Test]
    public void A_worker_killed_by_a_signal_is_failed_with_the_signal_and_stderr_tail()
    {
        var result = RunShell("echo loading model >&2; kill -SEGV $$");

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Failure!.Kind, Is.EqualTo(FailureKind.Signal));
        Assert.That(result.Failure.Signal, Is.EqualTo(11));
        Assert.That(result.Failure.Message, Is.EqualTo("worker was killed by SIGSEGV (11)"));
        Assert.That(result.Failure.StderrTail, Is.EqualTo("loading model"));
    }

    [Test]
    public void A_worker_exiting_without_a_result_is_failed_with_its_exit_code()
    {
        var result = RunShell("for i in $(seq 1 30); do echo line $i >&2; done; exit 3");

        Assert.That(result.Failure!.Kind, Is.EqualTo(FailureKind.ExitCode));
        Assert.That(result.Failure.ExitCode, Is.EqualTo(3));
        var tail = result.Failure.StderrTail!.Split('\n');
        Assert.That(tail, Has.Length.EqualTo(20));
        Assert.That(tail[^1], Is.EqualTo("line 30"));
    }

    [Test]
    public void A_worker_reporting_out_of_memory_is_an_out_of_memory_failure()
    {
        var result = RunShell("echo 'Unhandled exception. System.OutOfMemoryException: Insufficient memory' >&2; kill -ABRT $$");

        Assert.That(result.Failure!.Kind, Is.EqualTo(FailureKind.OutOfMemory));
        Assert.That(result.Failure.Signal, Is.EqualTo(6));
    }

    [Test]
    public void A_worker_past_its_time_limit_is_killed_and_failed_as_timeout()
    {
        var result = RunShell("sleep 30", TimeSpan.FromMilliseconds(300));

        Assert.That(result.Failure!.Kind, Is.EqualTo(FailureKind.Timeout));
        Assert.That(result.Failure.Message, Does.Contain("time limit"));
    }

    [Test]
    public void The_result_the_worker_writes_is_returned()
    {
        var written = RunResult.Failed(Configuration, new RunFailure(FailureKind.Error, "bad model"));
        var file = Path.GetTempFileName();
        File.WriteAllText(file, RunJson.Serialize(written));
        try
        {
            // The executor appends --config FILE --result FILE: $4 is the result path.
            var result = RunShell($"cp {file} \"$4\"; exit 1");

            Assert.That(result.Failure!.Message, Is.EqualTo("bad model"));
            Assert.That(result.Failure.ExitCode, Is.EqualTo(1));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_worker_that_cannot_start_is_a_failed_result()
    {
        var result = new WorkerProcessExecutor(new WorkerOptions(["/nonexistent/cnnperf"])).Execute(Configuration);

        Assert.That(result.Failure!.Message, Does.StartWith("cannot start the worker '/nonexistent/cnnperf'"));
    }

    [Test]
    public void A_stop_is_forwarded_as_sigterm_and_the_interrupted_result_with_its_samples_is_returned()
    {
        var measured = new RunResult(Configuration, RunStatus.Interrupted, [], [new InferenceSample(0, 10, 1.5, new Dictionary<string, double>())],
            [], PhaseTimeline.None, [], null, null);
        var prepared = Path.Combine(_folder, "interrupted.json");
        File.WriteAllText(prepared, RunJson.Serialize(measured));

        var (result, workerFolder, _) = RunUntilStopped($"trap 'cp {prepared} \"$4\"; exit 0' TERM; while true; do sleep 0.05; done");

        Assert.That(result.Status, Is.EqualTo(RunStatus.Interrupted));
        Assert.That(result.Samples.Select(s => s.LatencyMs), Is.EqualTo(new[] { 1.5 }));
        Assert.That(Directory.Exists(workerFolder), Is.False, "the worker's folder is removed");
    }

    [Test]
    public void No_worker_starts_once_a_stop_was_requested()
    {
        var marker = Path.Combine(_folder, "started");
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var result = new WorkerProcessExecutor(new WorkerOptions(["/bin/sh", "-c", $"touch {marker}", "worker"])).Execute(Configuration, stop.Token);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Interrupted));
        Assert.That(result.Failure!.Message, Is.EqualTo("stopped before its worker started"));
        Assert.That(File.Exists(marker), Is.False);
    }

    [Test]
    public void A_kill_ends_a_worker_that_ignores_the_stop_and_removes_its_folder_and_runtime_files()
    {
        // As a .NET worker killed in the middle of its run would leave them (the runtime removes them at a normal exit).
        var runtimeFile = "${TMPDIR:-/tmp}/dotnet-diagnostic-$$-1-socket";

        var (result, workerFolder, pid) = RunUntilStopped($"touch {runtimeFile}; trap '' TERM; while true; do sleep 0.05; done", kill: true);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Interrupted));
        Assert.That(result.Failure!.Message, Does.Contain("the worker was killed"));
        Assert.That(Directory.Exists($"/proc/{pid}"), Is.False, "the worker is gone");
        Assert.That(Directory.Exists(workerFolder), Is.False);
        Assert.That(File.Exists(Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-1-socket")), Is.False);
    }

    [Test]
    public void A_worker_that_does_not_stop_within_the_grace_is_killed()
    {
        var (result, workerFolder, pid) = RunUntilStopped("trap '' TERM; while true; do sleep 0.05; done", grace: TimeSpan.FromMilliseconds(300));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Interrupted));
        Assert.That(result.Failure!.Message, Is.EqualTo("the worker did not stop within 0.3 s of the stop request and was killed"));
        Assert.That(Directory.Exists($"/proc/{pid}"), Is.False);
        Assert.That(Directory.Exists(workerFolder), Is.False);
    }
}
