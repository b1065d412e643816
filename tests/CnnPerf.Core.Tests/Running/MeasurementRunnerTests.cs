using CnnPerf.Core.Tests.Onnx;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

public class MeasurementRunnerTests
{
    private static readonly ModelSource Model = TinyModel.Save("spin_model");

    private static RunConfigurationBuilder Spin(ModelSource? model = null) =>
        RunConfiguration.For(model ?? Model, SpinBackend.BackendName).WithWarmup(WarmupPolicy.Fixed(2));

    [Test]
    public void Measures_the_requested_inferences_with_counters_per_inference_and_per_phase()
    {
        var counters = new FakeCounterSource(step: 1000);
        var startedBeforeLoad = false;
        var backend = new SpinBackend(1) { OnLoad = () => startedBeforeLoad = counters.Started };
        var result = new MeasurementRunner(() => counters, new RecordingProcessProbe()).Run(Spin().WithIterations(20).Build(), backend);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), result.Failure?.Message);
        Assert.That(startedBeforeLoad, Is.True, "counters must start before the backend loads");
        Assert.That(counters.Disposed, Is.True);
        Assert.That(result.Samples, Has.Count.EqualTo(20));
        Assert.That(result.Samples.Select(s => s.Counters["hw.instructions"]), Is.All.EqualTo(2000), "1000 raw per read, running half the time");
        var instructions = result.Find("hw.instructions")!;
        Assert.That(instructions.Value, Is.EqualTo(2000));
        Assert.That(instructions.RunningShare, Is.EqualTo(0.5));
        Assert.That(result.ValueOf(MetricIds.MeasuredInferences), Is.EqualTo(20));
        Assert.That(result.ValueOf(MetricIds.WarmupInferences), Is.EqualTo(2));
        Assert.That(result.Counters.Single(c => !c.Available).Reason, Is.EqualTo("no PMU in this VM"));
        Assert.That(result.Phases.LoadStartNs, Is.LessThanOrEqualTo(result.Phases.MeasuredStartNs));
        Assert.That(result.Samples[0].StartNs, Is.InRange(result.Phases.MeasuredStartNs, result.Phases.MeasuredEndNs));
    }

    [Test]
    public void A_counter_that_stops_mid_run_is_reported_with_the_reason_and_the_run_keeps_its_timings()
    {
        // Reads 1 (phase start) to 10 (after the ninth inference) count; the instruction counter stops after that.
        var counters = new FakeCounterSource(step: 1000, stopAfterReads: 10);
        var result = new MeasurementRunner(() => counters, new RecordingProcessProbe()).Run(Spin().WithIterations(20).Build(), new SpinBackend(1));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), result.Failure?.Message);
        Assert.That(result.Samples, Has.Count.EqualTo(20));
        Assert.That(result.Samples.Take(9).Select(s => s.Counters["hw.instructions"]), Is.All.EqualTo(2000), "inferences counted before the stop keep their counts");
        Assert.That(result.Samples.Skip(9).Select(s => s.Counters.ContainsKey("hw.instructions")), Is.All.False);
        Assert.That(result.Find("hw.instructions"), Is.Null, "no total for the run from an incomplete counter");
        Assert.That(result.ValueOf(MetricIds.LatencyP50), Is.GreaterThanOrEqualTo(1));
        Assert.That(result.ValueOf(MetricIds.ThroughputFps), Is.GreaterThan(0));
        var instructions = result.Counters.Single(c => c.MetricId == "hw.instructions");
        Assert.That((instructions.Available, instructions.Errno, instructions.Reason), Is.EqualTo((false, "ECHILD", FakeCounterSource.StopReason)));
    }

    [Test]
    public void A_counter_that_never_ran_has_no_value_and_says_it_was_not_counted()
    {
        var counters = new FakeCounterSource(step: 1000, withUnscheduledBranches: true);
        var result = new MeasurementRunner(() => counters, new RecordingProcessProbe()).Run(Spin().WithIterations(5).Build(), new SpinBackend(1));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), result.Failure?.Message);
        Assert.That(result.Find("hw.branches"), Is.Null, "not counted is not a count of 0");
        Assert.That(result.Samples.Select(s => s.Counters.ContainsKey("hw.branches")), Is.All.False);
        Assert.That(result.Samples.Select(s => s.Counters["hw.instructions"]), Is.All.EqualTo(2000));
        var branches = result.Counters.Single(c => c.MetricId == "hw.branches");
        Assert.That(branches.Available, Is.False);
        Assert.That(branches.Reason, Is.EqualTo("not counted: enabled for 0.010 ms but never scheduled on the PMU (time running 0: other events held its counters)"),
            "5 inferences: 6 reads 2000 ns apart, the phase spans 5 of them");
    }

    [Test]
    public void Latency_statistics_and_throughput_agree_with_each_other()
    {
        var result = new MeasurementRunner().Run(Spin().WithIterations(30).Build(), new SpinBackend(2));

        var mean = result.ValueOf(MetricIds.LatencyMean);
        Assert.That(result.ValueOf(MetricIds.ThroughputFps), Is.EqualTo(1000 / mean).Within(5).Percent);
        Assert.That(result.ValueOf(MetricIds.LatencyMin), Is.LessThanOrEqualTo(result.ValueOf(MetricIds.LatencyP50)));
        Assert.That(result.ValueOf(MetricIds.LatencyP50), Is.LessThanOrEqualTo(result.ValueOf(MetricIds.LatencyP90)));
        Assert.That(result.ValueOf(MetricIds.LatencyP99), Is.LessThanOrEqualTo(result.ValueOf(MetricIds.LatencyMax)));
        Assert.That(mean, Is.GreaterThanOrEqualTo(2), "each inference spins 2 ms");
        Assert.That(result.ValueOf(MetricIds.CpuUtilizationCores), Is.GreaterThan(0));
        Assert.That(result.ValueOf(MetricIds.MemPeakRss), Is.GreaterThan(0));
    }

    [Test]
    public void Duration_and_adaptive_policies_stop_by_their_rule()
    {
        var duration = new MeasurementRunner().Run(Spin().WithDuration(TimeSpan.FromMilliseconds(100)).Build(), new SpinBackend(1));
        Assert.That(duration.ValueOf(MetricIds.MeasuredSeconds), Is.GreaterThanOrEqualTo(0.1));

        var policy = MeasurementPolicy.Adaptive(0.5, TimeSpan.FromSeconds(30), minIterations: 10);
        var adaptive = new MeasurementRunner().Run(Spin().WithMeasurement(policy).Build(), new SpinBackend(1));
        Assert.That(adaptive.ValueOf(MetricIds.LatencyMedianCi95), Is.LessThanOrEqualTo(0.5));
        Assert.That(adaptive.ValueOf(MetricIds.MeasuredSeconds), Is.LessThan(30), "a +/-50% interval is reached long before the cap");
    }

    [Test]
    public void Cancellation_stops_after_the_current_inference_as_interrupted()
    {
        using var cancellation = new CancellationTokenSource();
        var runner = new MeasurementRunner();
        runner.PhaseStarted += phase =>
        {
            if (phase == "measured")
            {
                cancellation.CancelAfter(50);
            }
        };
        var result = runner.Run(Spin().WithIterations(100_000).Build(), new SpinBackend(1), cancellation.Token);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Interrupted));
        Assert.That(result.Samples.Count, Is.InRange(1, 99_999));
    }

    [Test]
    public void A_model_the_backend_cannot_load_is_an_invalid_result_with_the_reason()
    {
        var result = new MeasurementRunner().Run(Spin(Model with { Name = "corrupt" }).WithIterations(5).Build(), new SpinBackend(1));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Failure!.Kind, Is.EqualTo(FailureKind.Invalid), "a model problem found before measuring");
        Assert.That(result.Failure.Message, Is.EqualTo("spin: model 'corrupt': protobuf parsing failed"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void The_model_is_read_with_its_weights_only_for_a_backend_that_needs_them(bool needsWeights)
    {
        var backend = new SpinBackend(1) { NeedsWeights = needsWeights };

        var result = new MeasurementRunner().Run(Spin().WithIterations(1).Build(), backend);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), result.Failure?.Message);
        Assert.That(backend.Loaded!.Graph.HasWeights, Is.EqualTo(needsWeights));
    }

    [Test]
    public void A_batch_the_model_does_not_have_is_rejected()
    {
        var result = new MeasurementRunner().Run(Spin().WithBatch(4).WithIterations(5).Build(), new SpinBackend(1, batch: 1));

        Assert.That(result.Failure!.Message, Does.Contain("has batch 1, the configuration asks for 4"));
    }

    [Test]
    public void Pinning_happens_before_loading_and_layers_are_profiled_after_measuring()
    {
        var probe = new RecordingProcessProbe();
        var pinnedBeforeLoad = false;
        var backend = new SpinBackend(1) { OnLoad = () => pinnedBeforeLoad = probe.Pins.Count == 1 };
        var result = new MeasurementRunner(null, probe).Run(Spin().WithIterations(3).PinnedTo(0).WithLayerProfile(2).Build(), backend);

        Assert.That(pinnedBeforeLoad, Is.True);
        Assert.That(probe.Pins.Single(), Is.EqualTo(new[] { 0 }));
        Assert.That(result.Layers.Single().OpType, Is.EqualTo("Spin"));
    }

    [Test]
    public void A_backend_with_another_name_is_refused_before_loading()
    {
        var backend = new SpinBackend(1);
        var configuration = RunConfiguration.For(Model, "onnxruntime").WithIterations(1).Build();

        var result = new MeasurementRunner().Run(configuration, backend);

        Assert.That(result.Failure!.Kind, Is.EqualTo(FailureKind.Invalid));
        Assert.That(backend.Loads, Is.Zero);
    }
}
