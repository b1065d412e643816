using CnnPerf.Models;
using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

/// <summary>Real worker processes (small shell scripts) that crash, fail or hang, as the executor must report them.</summary>
public class WorkerProcessExecutorTests
{
    private static readonly RunConfiguration Configuration =
        RunConfiguration.For(new ModelSource("m", "/tmp/m.onnx", ModelFormat.Onnx), "x").WithIterations(1).Build();

    private static RunResult RunShell(string script, TimeSpan? timeout = null) =>
        new WorkerProcessExecutor(new WorkerOptions(["/bin/sh", "-c", script, "worker"]) { Timeout = timeout ?? TimeSpan.FromMinutes(1) })
            .Execute(Configuration);

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
}
