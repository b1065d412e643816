using CnnPerf.Backends;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;
using CnnPerf.Simulation;

namespace CnnPerf.Core.Tests.Simulation;

/// <summary>
/// The monitor and the pass with a stand-in for valgrind (a shell script that writes the recorded cachegrind outputs
/// and a worker result), so the differential method, the merge into the result and the failure path run without
/// the 20-50x slowdown.
/// </summary>
public class SimulatedCounterMonitorTests
{
    private static readonly RunConfiguration Configuration =
        RunConfiguration.For(new ModelSource("squeezenet1_1", "/tmp/m.onnx", ModelFormat.Onnx), "onnxruntime").WithIterations(5).Build();

    private static readonly RunResult Timed = new(Configuration, RunStatus.Ok,
        [new MetricValue(MetricIds.LatencyP50.Id, 12.5, "ms", Provenance.Measured)], [], [], PhaseTimeline.None, [], "1.0", null);

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-fake-valgrind-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string FakeValgrind()
    {
        File.WriteAllText(Path.Combine(_folder, "result.json"), RunJson.Serialize(Timed));
        var script = Path.Combine(_folder, "valgrind");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            prev=""
            for a in "$@"; do
              case "$a" in --cachegrind-out-file=*) out="${a#*=}";; esac
              case "$prev" in --config) cfg="$a";; --result) res="$a";; esac
              prev="$a"
            done
            if grep -q '"iterations":1,' "$cfg"; then n=1; else n=4; fi
            cp "{{CachegrindProfileTests.Recorded(1).Replace("measured1", "measured$n")}}" "$out"
            cp "{{_folder}}/result.json" "$res"
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return script;
    }

    [Test]
    public void Simulated_metrics_join_the_timed_result()
    {
        var pass = new CachegrindPass(["worker"], new CachegrindOptions(CacheGeometry.CortexA53) { ValgrindPath = FakeValgrind(), Inferences = 3 });

        var result = new SimulatedCounterMonitor(pass).Complete(Timed);

        Assert.That(result.ValueOf(MetricIds.LatencyP50), Is.EqualTo(12.5), "the timed metrics stay");
        Assert.That(result.ValueOf(MetricIds.SimInstructions), Is.EqualTo((3_082_510_163.0 - 2_803_279_976) / 3));
        Assert.That(result.Find(MetricIds.SimInstructions.Id)!.Provenance, Is.EqualTo(Provenance.Simulated));
        var simulated = result.Counters.Where(c => c.Kind == SimulatedCounterMonitor.CounterKind).ToList();
        Assert.That(simulated, Has.Count.EqualTo(6));
        Assert.That(simulated.Select(c => c.Available), Is.All.True);
        Assert.That(simulated[0].EventName, Does.Contain("cortex-a53"), "the geometry is recorded with the counters");
    }

    [Test]
    public void A_failed_simulation_keeps_the_timed_result_and_says_why()
    {
        var pass = new CachegrindPass(["worker"], new CachegrindOptions(CacheGeometry.Host) { ValgrindPath = "/bin/false" });

        var result = new SimulatedCounterMonitor(pass).Complete(Timed);

        Assert.That(result.Metrics, Is.EqualTo(Timed.Metrics));
        var status = result.Counters.Single(c => c.MetricId == MetricIds.SimInstructions.Id);
        Assert.That(status.Available, Is.False);
        Assert.That(status.Reason, Does.StartWith("the cachegrind run of squeezenet1_1/onnxruntime/1t").And.Contain("exited with code 1"));
    }

    [Test]
    public void A_failed_configuration_is_not_simulated()
    {
        var failed = RunResult.Failed(Configuration, new RunFailure(FailureKind.Error, "boom"));
        var pass = new CachegrindPass(["worker"], new CachegrindOptions(CacheGeometry.Host) { ValgrindPath = "/bin/false" });

        Assert.That(new SimulatedCounterMonitor(pass).Complete(failed), Is.SameAs(failed));
    }
}
