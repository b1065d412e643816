using CnnPerf.Metrics;
using CnnPerf.Models;
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
        RunConfiguration.For(new ModelSource(model, "/nonexistent/" + model, ModelFormat.Onnx), SpinBackend.BackendName)
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
    public void Monitors_see_every_configuration_and_add_to_its_result()
    {
        var monitor = new PowerMonitorDouble();
        var runner = new StudyRunner(new InProcessExecutor([new SpinBackend(0.5)], new MeasurementRunner()), [monitor]);
        using var store = ResultStore.Open(Path.Combine(_folder, "results.db"));

        var outcome = runner.Run([Spin("a")], store, Machine);

        Assert.That(monitor.Started, Is.EqualTo(new[] { "a" }));
        var id = store.Configurations().Single().Id;
        Assert.That(store.PowerSamples(id), Has.Count.EqualTo(2));
        Assert.That(store.Configurations().Single().ValueOf(MetricIds.PowerMean.Id), Is.EqualTo(3.0));
        Assert.That(outcome.Results.Single().Power, Has.Count.EqualTo(2));
    }

    private sealed class PowerMonitorDouble : IConfigurationMonitor
    {
        public List<string> Started { get; } = [];

        public void Start(RunConfiguration configuration) => Started.Add(configuration.Model.Name);

        public RunResult Complete(RunResult result) => result with
        {
            Metrics = [.. result.Metrics, new MetricValue(MetricIds.PowerMean.Id, 3.0, "W", Provenance.Measured)],
            Power = [new PowerReading(result.Phases.MeasuredStartNs, 2.5, 5, 0.5), new PowerReading(result.Phases.MeasuredEndNs, 3.5, null, null)],
        };
    }
}
