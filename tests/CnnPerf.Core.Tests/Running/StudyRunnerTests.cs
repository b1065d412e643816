using CnnPerf.Core.Tests.Onnx;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Power;
using CnnPerf.Running;
using CnnPerf.Store;

namespace CnnPerf.Core.Tests.Running;

public class StudyRunnerTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cnnperf-study-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static RunConfiguration Spin(string model) =>
        RunConfiguration.For(TinyModel.Save(model), SpinBackend.BackendName)
            .WithWarmup(WarmupPolicy.Fixed(1)).WithIterations(5).Build();

    internal static MachineContext Machine => MachineContextProbe.Capture([new SpinBackend(1)]);

    [Test]
    public void A_failed_configuration_is_stored_and_the_next_one_still_runs()
    {
        var executor = new InProcessExecutor([new SpinBackend(0.5)], new MeasurementRunner());
        var progress = new List<StudyProgress>();
        var runner = new StudyRunner(executor);
        runner.Progress += progress.Add;
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        var outcome = runner.Run([Spin("a"), Spin("corrupt"), Spin("b")], store, Machine);

        Assert.That(outcome.Interrupted, Is.False);
        Assert.That(outcome.Results.Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Ok, RunStatus.Failed, RunStatus.Ok }));
        var stored = store.Configurations(outcome.RunId);
        Assert.That(stored.Select(c => c.Model), Is.EqualTo(new[] { "a", "corrupt", "b" }));
        Assert.That(stored[1].Failure!.Message, Does.Contain("protobuf parsing failed"));
        Assert.That(progress, Has.Count.EqualTo(6), "a start and a finish per configuration");
    }

    [Test]
    public void Cancelling_keeps_every_finished_configuration_and_drops_the_interrupted_one()
    {
        using var cancellation = new CancellationTokenSource();
        var measurement = new MeasurementRunner();
        var runner = new StudyRunner(new InProcessExecutor([new SpinBackend(1)], measurement));
        runner.Progress += p =>
        {
            if (p.Index == 1 && p.Result is null)
            {
                measurement.PhaseStarted += phase => { if (phase == "measured") { cancellation.Cancel(); } };
            }
        };
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        var outcome = runner.Run([Spin("a"), Spin("b"), Spin("c")], store, Machine, cancellation.Token);

        Assert.That(outcome.Interrupted, Is.True);
        Assert.That(store.Configurations().Select(c => (c.Model, c.Status)), Is.EqualTo(new[] { ("a", RunStatus.Ok) }));
    }

    [Test]
    public void A_power_monitor_adds_energy_of_the_measured_phase_and_its_samples()
    {
        using var monitor = new PowerMonitor(() => new PowerSampler(new ConstantMeter(3.0), PowerSamplerOptions.Default with { Interval = TimeSpan.FromMilliseconds(2) }));
        var runner = new StudyRunner(new InProcessExecutor([new SpinBackend(2)], new MeasurementRunner()), [monitor]);
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        var outcome = runner.Run([Spin("a") with { Measurement = MeasurementPolicy.ForIterations(50) }], store, Machine);

        var result = outcome.Results.Single();
        var stored = store.Configurations().Single();
        Assert.That(stored.ValueOf(MetricIds.PowerMean.Id), Is.EqualTo(3.0).Within(1e-9));
        var seconds = result.ValueOf(MetricIds.MeasuredSeconds);
        Assert.That(stored.ValueOf(MetricIds.EnergyPerInference.Id), Is.EqualTo(3.0 * seconds / 50 * 1000).Within(2).Percent);
        Assert.That(store.PowerSamples(stored.Id), Has.Count.EqualTo(result.Power.Count).And.Count.GreaterThan(2));
    }

    [Test]
    public void A_power_monitor_measures_an_idle_baseline_before_the_configuration()
    {
        using var monitor = new PowerMonitor(
            () => new PowerSampler(new ConstantMeter(3.0), PowerSamplerOptions.Default with { Interval = TimeSpan.FromMilliseconds(2) }),
            idleDuration: TimeSpan.FromMilliseconds(50));
        var runner = new StudyRunner(new InProcessExecutor([new SpinBackend(2)], new MeasurementRunner()), [monitor]);
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        runner.Run([Spin("a") with { Measurement = MeasurementPolicy.ForIterations(50) }], store, Machine);

        var stored = store.Configurations().Single();
        Assert.That(stored.ValueOf(MetricIds.PowerIdle.Id), Is.EqualTo(3.0).Within(1e-9));
        // A constant trace draws nothing above its idle level.
        Assert.That(stored.ValueOf(MetricIds.EnergyDynamicPerInference.Id), Is.EqualTo(0.0).Within(1e-6));
    }

    private sealed class ConstantMeter(double watts) : IPowerMeter
    {
        public string Name => "constant";

        public TimeSpan MinimumInterval => TimeSpan.FromMilliseconds(1);

        public bool TryRead(out PowerReading reading, out string? failure)
        {
            reading = new PowerReading(watts);
            failure = null;
            return true;
        }

        public void Dispose()
        {
        }
    }
}
