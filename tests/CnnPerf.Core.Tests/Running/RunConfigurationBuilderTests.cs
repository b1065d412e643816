using CnnPerf.Models;
using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

public class RunConfigurationBuilderTests
{
    private static readonly ModelSource Model = new("m", "/tmp/m.onnx", ModelFormat.Onnx);

    [Test]
    public void Builds_an_immutable_configuration_with_every_setting()
    {
        var configuration = RunConfiguration.For(Model, "onnxruntime").WithThreads(2).WithSetting("graph-optimization", "basic")
            .WithBatch(1).WithInputSeed(7).WithAdaptive(0.02).PinnedTo(0).WithLayerProfile(3).Build();

        Assert.That(configuration.Threads, Is.EqualTo(2));
        Assert.That(configuration.Options.GetSetting("graph-optimization", "all"), Is.EqualTo("basic"));
        Assert.That(configuration.InputSeed, Is.EqualTo(7));
        Assert.That(configuration.Measurement.Mode, Is.EqualTo(MeasurementMode.Adaptive));
        Assert.That(configuration.Measurement.TargetRelativeHalfWidth, Is.EqualTo(0.02));
        Assert.That(configuration.PinCpus, Is.EqualTo(new[] { 0 }));
        Assert.That(configuration.ProfileLayerRuns, Is.EqualTo(3));
        Assert.That(configuration.Label, Is.EqualTo("m/onnxruntime/2t"));
    }

    [Test]
    public void Build_lists_every_problem_in_one_message()
    {
        var builder = RunConfiguration.For(Model, "onnxruntime").WithThreads(0).WithIterations(0).PinnedTo(Environment.ProcessorCount);

        var e = Assert.Throws<ConfigurationException>(() => builder.Build())!;

        Assert.That(e.Message, Does.Contain("threads must be at least 1, got 0"));
        Assert.That(e.Message, Does.Contain("iterations must be at least 1, got 0"));
        Assert.That(e.Message, Does.Contain($"cannot pin to CPU(s) {Environment.ProcessorCount}: this machine has CPUs 0-{Environment.ProcessorCount - 1}"));
    }

    [Test]
    public void Cpus_beyond_the_machine_are_one_problem_however_many()
    {
        var cpus = Environment.ProcessorCount;
        var builder = RunConfiguration.For(Model, "onnxruntime").PinnedTo([.. Enumerable.Range(0, 100_001)]);

        var e = Assert.Throws<ConfigurationException>(() => builder.Build())!;

        Assert.That(e.Message, Is.EqualTo($"m/onnxruntime/1t: cannot pin to CPU(s) {cpus}-100000: this machine has CPUs 0-{cpus - 1}"));
    }

    [Test]
    public void Threads_are_bounded_by_four_per_logical_core()
    {
        var most = 4 * Environment.ProcessorCount;

        Assert.That(RunConfiguration.For(Model, "onnxruntime").WithThreads(most).Build().Threads, Is.EqualTo(most));
        Assert.That(() => RunConfiguration.For(Model, "onnxruntime").WithThreads(most + 1).Build(), Throws.InstanceOf<ConfigurationException>()
            .With.Message.Contains($"threads must be at most {most} (4 per logical core; this machine has {Environment.ProcessorCount}), got {most + 1}"));
    }

    [Test]
    public void Measurement_policies_describe_themselves_and_reject_bad_values()
    {
        Assert.That(MeasurementPolicy.ForIterations(10).ToString(), Is.EqualTo("10 iterations"));
        Assert.That(MeasurementPolicy.ForDuration(TimeSpan.FromSeconds(2.5)).ToString(), Is.EqualTo("2.5 s"));
        Assert.That(MeasurementPolicy.Adaptive().ToString(), Is.EqualTo("adaptive +/-1% (cap 20 s)"));
        Assert.That(MeasurementPolicy.ForDuration(TimeSpan.Zero).Validate(), Has.Count.EqualTo(1));
        Assert.That(MeasurementPolicy.Adaptive(1.5).Validate(), Has.Count.EqualTo(1));
    }
}
