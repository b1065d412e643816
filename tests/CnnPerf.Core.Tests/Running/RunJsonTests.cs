using CnnPerf.Backends;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

public class RunJsonTests
{
    [Test]
    public void A_configuration_survives_the_trip_to_the_worker_and_back()
    {
        var configuration = RunConfiguration.For(new ModelSource("m", "/tmp/m.onnx", ModelFormat.Onnx), "onnxruntime").WithThreads(2)
            .WithSetting("graph-optimization", "basic").WithDuration(TimeSpan.FromSeconds(1.5)).PinnedTo(0).Build();

        var back = RunJson.DeserializeConfiguration(RunJson.Serialize(configuration));

        Assert.That(back.Options.Settings["graph-optimization"], Is.EqualTo("basic"));
        Assert.That(back with { Options = configuration.Options, PinCpus = configuration.PinCpus }, Is.EqualTo(configuration));
        Assert.That(back.PinCpus, Is.EqualTo(configuration.PinCpus));
        Assert.That(back.Threads, Is.EqualTo(2));
    }

    [Test]
    public void A_result_keeps_nan_metrics_samples_layers_and_failures()
    {
        var configuration = RunConfiguration.For(new ModelSource("m", "/tmp/m.onnx", ModelFormat.Onnx), "x").Build();
        var result = new RunResult(configuration, RunStatus.Failed, [new MetricValue("latency.stddev_ms", double.NaN, "ms", Provenance.Derived)],
            [new InferenceSample(0, 12, 3.5, new Dictionary<string, double> { ["sw.task_clock_ms"] = 3.4 })], [new LayerTiming("conv1", "Conv", 1.25)],
            new PhaseTimeline(1, 2, 3, 4), [new CounterStatus("hw.cycles", "cycles", "hardware", false, "ENOENT", "no PMU")], "1.0",
            new RunFailure(FailureKind.Signal, "killed", null, 9, "tail"));

        var back = RunJson.DeserializeResult(RunJson.Serialize(result));

        Assert.That(double.IsNaN(back.Metrics[0].Value), Is.True);
        Assert.That(back.Samples[0].Counters["sw.task_clock_ms"], Is.EqualTo(3.4));
        Assert.That(back.Layers[0], Is.EqualTo(result.Layers[0]));
        Assert.That(back.Phases, Is.EqualTo(result.Phases));
        Assert.That(back.Counters[0], Is.EqualTo(result.Counters[0]));
        Assert.That(back.Failure, Is.EqualTo(result.Failure));
    }

    [Test]
    public void Text_that_is_not_a_configuration_is_a_clear_error()
    {
        var e = Assert.Throws<ConfigurationException>(() => RunJson.DeserializeConfiguration("{\"model\": 3"))!;
        Assert.That(e.Message, Does.StartWith("the configuration JSON is invalid"));
    }
}
