using CnnPerf.Native.Valgrind;

namespace CnnPerf.Native.Tests.Valgrind;

/// <summary>
/// The client request sequence run natively, where valgrind's marker is an ordinary no-op: the default comes back
/// and nothing else changes. (Under valgrind the same code switches callgrind's simulation: see the simulated pass
/// tests of the command-line tool.)
/// </summary>
public class ValgrindClientRequestTests
{
    [SetUp]
    public void RequireSupport() => Assume.That(ValgrindClientRequest.IsSupported, "client requests exist for x86-64 and arm64 Linux only");

    [TestCase(0UL)]
    [TestCase(42UL)]
    [TestCase(ulong.MaxValue)]
    public void Natively_a_request_returns_its_default(ulong defaultResult)
    {
        Assert.That(ValgrindClientRequest.Send(ValgrindClientRequest.RunningOnValgrindRequest, defaultResult, 1, 2, 3), Is.EqualTo(defaultResult));
    }

    [Test]
    public void This_test_process_does_not_run_on_valgrind()
    {
        Assert.That(ValgrindClientRequest.IsRunningOnValgrind, Is.False);
    }

    [Test]
    public void Callgrind_requests_are_no_ops_natively_from_any_thread()
    {
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            CallgrindControl.StartInstrumentation();
            CallgrindControl.ZeroStats();
            CallgrindControl.DumpStats();
            CallgrindControl.StopInstrumentation();
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(ValgrindClientRequest.Send(0x43540000, 7), Is.EqualTo(7), "the sequence still answers after concurrent use");
    }

    [Test]
    public void More_than_five_arguments_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ValgrindClientRequest.Send(0x1001, 0, 1, 2, 3, 4, 5, 6));

        Assert.That(error!.Message, Does.StartWith("a client request takes at most 5 arguments, got 6"));
    }
}
