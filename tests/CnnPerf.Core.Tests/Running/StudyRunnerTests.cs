using CnnPerf.Core.Tests.Onnx;
using CnnPerf.Core.Tests.Power;
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
    public void A_stop_keeps_every_finished_configuration_saves_the_interrupted_one_with_its_samples_and_starts_no_other()
    {
        using var stop = new CancellationTokenSource();
        var inferencesOfB = 0;
        // Stop once b has measured a few inferences (its warm-up takes one).
        var backend = new SpinBackend(1) { OnRun = model => { if (model == "b" && ++inferencesOfB == 4) { stop.Cancel(); } } };
        var runner = new StudyRunner(new InProcessExecutor([backend], new MeasurementRunner()));
        var started = new List<string>();
        runner.Progress += p =>
        {
            if (p.Result is null)
            {
                started.Add(p.Configuration.Model.Name);
            }
        };
        var b = Spin("b") with { Measurement = MeasurementPolicy.ForIterations(1_000_000) };
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        var outcome = runner.Run([Spin("a"), b, Spin("c")], store, Machine, stop.Token);

        Assert.That(outcome.Interrupted, Is.True);
        Assert.That(started, Is.EqualTo(new[] { "a", "b" }), "nothing starts after the stop");
        var stored = store.Configurations();
        Assert.That(stored.Select(c => (c.Model, c.Status)), Is.EqualTo(new[] { ("a", RunStatus.Ok), ("b", RunStatus.Interrupted) }));
        var samples = store.Samples(stored[1].Id);
        Assert.That(samples, Has.Count.EqualTo(3), "the inference that saw the stop was the last");
        Assert.That(stored[1].ValueOf(MetricIds.MeasuredInferences.Id), Is.EqualTo(samples.Count));
    }

    [Test]
    public void A_monitor_whose_start_throws_fails_that_configuration_and_the_study_goes_on()
    {
        var monitor = new FailingOnceMonitor("b");
        var runner = new StudyRunner(new InProcessExecutor([new SpinBackend(1)], new MeasurementRunner()), [monitor]);
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        var outcome = runner.Run([Spin("a"), Spin("b"), Spin("c")], store, Machine);

        Assert.That(outcome.Results.Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Ok, RunStatus.Failed, RunStatus.Ok }));
        Assert.That(outcome.Results[1].Failure!.Message, Is.EqualTo("a monitor could not start: the meter on /dev/ttyUSB0 is gone"));
        Assert.That(store.Configurations().Select(c => c.Status), Is.EqualTo(new[] { RunStatus.Ok, RunStatus.Failed, RunStatus.Ok }));
        Assert.That(monitor.Completed, Is.EqualTo(new[] { "a", "c" }), "a monitor that did not start is not completed");
    }

    [Test]
    public void A_result_the_store_refuses_is_kept_in_a_file_and_saved_as_failed_and_the_study_goes_on()
    {
        // A monitor that adds a metric the result already has: the store's primary key refuses the second one.
        var runner = new StudyRunner(new InProcessExecutor([new SpinBackend(1)], new MeasurementRunner()), [new DuplicatingMonitor("b")]);
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        var outcome = runner.Run([Spin("a"), Spin("b"), Spin("c")], store, Machine);

        var unsaved = outcome.Unsaved.Single();
        Assert.That(unsaved.Result.Configuration.Model.Name, Is.EqualTo("b"));
        Assert.That(unsaved.Reason, Does.Contain("UNIQUE constraint failed: metrics"));
        Assert.That(unsaved.File, Is.EqualTo(store.Path + ".unsaved.jsonl"));
        var kept = UnsavedResults.Read(unsaved.File!).Single();
        Assert.That(kept.Samples, Has.Count.EqualTo(5), "the measurement itself is not lost");
        var stored = store.Configurations();
        Assert.That(stored.Select(c => (c.Model, c.Status)), Is.EqualTo(new[] { ("a", RunStatus.Ok), ("b", RunStatus.Failed), ("c", RunStatus.Ok) }));
        Assert.That(stored[1].Failure!.Message, Does.StartWith("not saved: cannot save b/spin/1t in results store ").And.EndsWith($"; the measured result is in {unsaved.File}"));
        Assert.That(store.Runs(), Has.Count.EqualTo(1));
    }

    /// <summary>Adds a second copy of the first metric to the result of one model.</summary>
    private sealed class DuplicatingMonitor(string model) : IConfigurationMonitor
    {
        public void Start(RunConfiguration configuration)
        {
        }

        public RunResult Complete(RunResult result) =>
            result.Configuration.Model.Name == model ? result with { Metrics = [.. result.Metrics, result.Metrics[0]] } : result;
    }

    /// <summary>A monitor whose start fails for one model, as a power meter unplugged before that configuration.</summary>
    private sealed class FailingOnceMonitor(string failingModel) : IConfigurationMonitor
    {
        public List<string> Completed { get; } = [];

        public void Start(RunConfiguration configuration)
        {
            if (configuration.Model.Name == failingModel)
            {
                throw new CnnPerfException("the meter on /dev/ttyUSB0 is gone");
            }
        }

        public RunResult Complete(RunResult result)
        {
            Completed.Add(result.Configuration.Model.Name);
            return result;
        }
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

    [Test]
    public void A_ramping_meter_gives_the_energy_of_the_ramp_over_the_measured_phase()
    {
        var origin = MonotonicClock.Now;
        // 2 W rising by 10 W per second: over [a, b] the energy is 2 (b - a) + 5 ((b - origin)^2 - (a - origin)^2) J.
        using var monitor = new PowerMonitor(
            () => new PowerSampler(new TimedMeter(t => 2 + 10 * (t - origin)), PowerSamplerOptions.Default with { Interval = TimeSpan.FromMilliseconds(2) }),
            idleDuration: TimeSpan.FromMilliseconds(50));
        var runner = new StudyRunner(new InProcessExecutor([new SpinBackend(2)], new MeasurementRunner()), [monitor]);

        var result = runner.Run([Spin("a") with { Measurement = MeasurementPolicy.ForIterations(100) }], null, null).Results.Single();

        Assert.That(result.PowerStatus, Is.EqualTo("power complete"));
        var (a, b) = (result.Phases.MeasuredStartNs / 1e9 - origin, result.Phases.MeasuredEndNs / 1e9 - origin);
        var energy = 2 * (b - a) + 5 * (b * b - a * a);
        // Trapezoids and interpolation are exact on a line; what is left is the time between a read and its timestamp.
        Assert.That(result.ValueOf(MetricIds.EnergyMeasuredPhase), Is.EqualTo(energy).Within(0.1).Percent);
        Assert.That(result.ValueOf(MetricIds.PowerMean), Is.EqualTo(energy / (b - a)).Within(0.1).Percent);
        Assert.That(result.ValueOf(MetricIds.PowerPeak), Is.EqualTo(2 + 10 * b).Within(0.1).Percent);
        Assert.That(result.ValueOf(MetricIds.PowerIdle), Is.LessThan(result.ValueOf(MetricIds.PowerMean)), "the idle baseline comes before, lower on the ramp");
    }

    [Test]
    public void A_power_log_with_a_bad_line_makes_the_result_say_power_incomplete_with_the_file_and_line()
    {
        var log = Path.Combine(_folder, "power.csv");
        using var monitor = new PowerMonitor(() => new PowerLogRecorder(log), idleDuration: TimeSpan.Zero);
        var runner = new StudyRunner(new InProcessExecutor([new SpinBackend(1)], new MeasurementRunner()), [monitor]);
        runner.Progress += p =>
        {
            // The instrument writes its log while the configuration runs.
            if (p.Result is null)
            {
                File.WriteAllText(log, "time,watts\n1764138000,2\n1764138001,NaN\n");
            }
        };
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        var result = runner.Run([Spin("a")], store, Machine).Results.Single();

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), "the measurement itself stands");
        Assert.That(result.PowerStatus, Is.EqualTo($"power incomplete: {log}:3: 'NaN' is not a number of watts"));
        Assert.That(result.PowerIncomplete, Is.True);
        Assert.That(store.Configurations().Single().PowerStatus, Is.EqualTo(result.PowerStatus));
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
