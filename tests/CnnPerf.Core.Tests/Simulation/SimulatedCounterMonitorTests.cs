using CnnPerf.Backends;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;
using CnnPerf.Simulation;

namespace CnnPerf.Core.Tests.Simulation;

/// <summary>
/// The monitor and the pass with a stand-in for valgrind (a shell script that writes recorded callgrind dumps and a
/// worker result), so the dump handling, the merge into the result and the skip and failure paths run without the
/// slowdown of a real simulation.
/// </summary>
public class SimulatedCounterMonitorTests
{
    private static readonly RunConfiguration Configuration =
        RunConfiguration.For(new ModelSource("squeezenet1_1", "/tmp/m.onnx", ModelFormat.Onnx), "onnxruntime").WithIterations(5).Build();

    private static readonly RunResult Timed = Result(Configuration);

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-fake-valgrind-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static RunResult Result(RunConfiguration configuration) => new(configuration, RunStatus.Ok,
        [new MetricValue(MetricIds.LatencyP50.Id, 12.5, "ms", Provenance.Measured)], [], [], PhaseTimeline.None, [], "1.0", null);

    /// <summary>
    /// Writes, for the inference thread (01), the first recorded dump as dump 1 and the second as every later one the
    /// configuration asks for, and a small dump of a background thread (05) beside each; sleeps first when told.
    /// </summary>
    private string FakeValgrind(double sleepSeconds = 0)
    {
        File.WriteAllText(Path.Combine(_folder, "result.json"), RunJson.Serialize(Timed));
        var script = Path.Combine(_folder, "valgrind");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            sleep {{sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
            prev=""
            for a in "$@"; do
              case "$a" in --callgrind-out-file=*) out="${a#*=}";; esac
              case "$prev" in --config) cfg="$a";; --result) res="$a";; esac
              prev="$a"
            done
            n=$(grep -o '"iterations":[0-9]*' "$cfg" | cut -d: -f2)
            cp "{{ValgrindProfileTests.RecordedDump(1)}}" "$out.1-01"
            i=1; while [ $i -le $n ]; do
              [ $i -gt 1 ] && cp "{{ValgrindProfileTests.RecordedDump(2)}}" "$out.$i-01"
              printf 'events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim\nsummary: 90000 1 1 1 1 1 1 1 1 1 1 1 1\n' > "$out.$i-05"
              i=$((i + 1))
            done
            cp "{{_folder}}/result.json" "$res"
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return script;
    }

    [Test]
    public void Simulated_metrics_of_the_counted_inferences_join_the_timed_result()
    {
        var pass = new CallgrindPass(["worker"], new SimulationOptions(CacheGeometry.CortexA53) { ValgrindPath = FakeValgrind(), Inferences = 3 });

        var result = new SimulatedCounterMonitor(pass).Complete(Timed);

        Assert.That(result.ValueOf(MetricIds.LatencyP50), Is.EqualTo(12.5), "the timed metrics stay");
        Assert.That(result.ValueOf(MetricIds.SimInstructions), Is.EqualTo(84_195_472), "dump 1 (empty caches) and the background thread are not counted");
        Assert.That(result.ValueOf(MetricIds.SimInferences), Is.EqualTo(3));
        Assert.That(result.Find(MetricIds.SimInstructions.Id)!.Provenance, Is.EqualTo(Provenance.Simulated));
        var simulated = result.Counters.Where(c => c.Kind == SimulatedCounterMonitor.CounterKind).ToList();
        Assert.That(simulated, Has.Count.EqualTo(6));
        Assert.That(simulated.Select(c => c.Available), Is.All.True);
        Assert.That(simulated[0].EventName, Does.Contain("cortex-a53"), "the geometry is recorded with the counters");
    }

    [Test]
    public void A_failed_simulation_keeps_the_timed_result_and_says_why()
    {
        var pass = new CallgrindPass(["worker"], new SimulationOptions(CacheGeometry.Host) { ValgrindPath = "/bin/false" });

        var result = new SimulatedCounterMonitor(pass).Complete(Timed);

        Assert.That(result.Metrics, Is.EqualTo(Timed.Metrics));
        var status = result.Counters.Single(c => c.MetricId == MetricIds.SimInstructions.Id);
        Assert.That(status.Available, Is.False);
        Assert.That(status.Reason, Does.StartWith("the callgrind run of squeezenet1_1/onnxruntime/1t").And.Contain("exited with code 1"));
    }

    [Test]
    public void A_failed_configuration_is_not_simulated()
    {
        var failed = RunResult.Failed(Configuration, new RunFailure(FailureKind.Error, "boom"));
        var pass = new CallgrindPass(["worker"], new SimulationOptions(CacheGeometry.Host) { ValgrindPath = "/bin/false" });

        Assert.That(new SimulatedCounterMonitor(pass).Complete(failed), Is.SameAs(failed));
    }

    [Test]
    public void A_multi_thread_configuration_is_not_simulated_and_says_why()
    {
        var pass = new CallgrindPass(["worker"], new SimulationOptions(CacheGeometry.Host) { ValgrindPath = FakeValgrind() });
        var twoThreads = Result(Configuration with { Options = Configuration.Options with { Threads = 2 } });

        var result = new SimulatedCounterMonitor(pass).Complete(twoThreads);

        Assert.That(result.Find(MetricIds.SimInstructions.Id), Is.Null);
        var status = result.Counters.Single(c => c.MetricId == MetricIds.SimInstructions.Id);
        Assert.That(status.Available, Is.False);
        Assert.That(status.Reason, Does.StartWith("not simulated at 2 threads: valgrind runs one thread at a time"));
    }

    [Test]
    public void Once_the_budget_is_spent_the_remaining_configurations_go_unsimulated()
    {
        var options = new SimulationOptions(CacheGeometry.Host) { ValgrindPath = FakeValgrind(sleepSeconds: 5), Inferences = 1, Budget = TimeSpan.FromSeconds(1) };
        var monitor = new SimulatedCounterMonitor(new CallgrindPass(["worker"], options));

        var first = monitor.Complete(Timed);
        var second = monitor.Complete(Timed);

        Assert.That(first.Counters.Single(c => c.MetricId == MetricIds.SimInstructions.Id).Reason,
            Does.Contain("time limit of 1 s").And.EndWith("(the simulation budget of 1 s ran out)"), "the run got what was left of the budget");
        Assert.That(second.Counters.Single(c => c.MetricId == MetricIds.SimInstructions.Id).Reason, Is.EqualTo("not simulated: the simulation budget of 1 s is spent"));
        Assert.That(monitor.Spent, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
    }
}
