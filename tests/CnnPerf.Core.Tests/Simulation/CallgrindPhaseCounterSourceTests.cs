using CnnPerf.Counters;
using CnnPerf.Native.Valgrind;
using CnnPerf.Simulation;

namespace CnnPerf.Core.Tests.Simulation;

/// <summary>The phase markers outside valgrind: a clear refusal to start, and reads that are harmless no-ops.</summary>
public class CallgrindPhaseCounterSourceTests
{
    [Test]
    public void Outside_valgrind_start_is_a_clear_error()
    {
        Assume.That(ValgrindClientRequest.IsSupported, "client requests exist for x86-64 and arm64 Linux only");
        using var source = new CallgrindPhaseCounterSource();

        var error = Assert.Throws<CnnPerfException>(source.Start);

        Assert.That(error!.Message, Is.EqualTo("CNNPERF_CALLGRIND_PHASES=1 asks for callgrind phase markers, but this process does not run under valgrind"));
    }

    [Test]
    public void Reads_carry_no_values_and_probe_lists_no_counter()
    {
        Assume.That(ValgrindClientRequest.IsSupported, "client requests exist for x86-64 and arm64 Linux only");
        using var source = new CallgrindPhaseCounterSource();

        Assert.That(source.Read(), Is.SameAs(CounterSnapshot.Empty), "the first read starts the simulation");
        Assert.That(source.Read(), Is.SameAs(CounterSnapshot.Empty), "later reads dump");
        Assert.That(source.Probe(), Is.Empty);
        Assert.That(source.Name, Is.EqualTo("callgrind"));
    }

    [Test]
    public void The_worker_is_asked_for_markers_by_one_environment_variable()
    {
        var before = Environment.GetEnvironmentVariable(CallgrindPhaseCounterSource.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(CallgrindPhaseCounterSource.EnvironmentVariable, "1");
            Assert.That(CallgrindPhaseCounterSource.IsRequested, Is.True);
            Environment.SetEnvironmentVariable(CallgrindPhaseCounterSource.EnvironmentVariable, null);
            Assert.That(CallgrindPhaseCounterSource.IsRequested, Is.False);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CallgrindPhaseCounterSource.EnvironmentVariable, before);
        }
    }
}
