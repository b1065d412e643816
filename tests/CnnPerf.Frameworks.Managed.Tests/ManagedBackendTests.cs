using CnnPerf.Backends;
using CnnPerf.Running;
using CnnPerf.Onnx;
using CnnPerf.Verification;

namespace CnnPerf.Frameworks.Managed.Tests;

public sealed class ManagedBackendTests
{
    private static readonly ManagedBackend Backend = new();

    [Test]
    public void VersionNamesTheVectorWidthAndTheGemmRows()
    {
        var version = new ManagedBackend().Version!;
        Assert.That(version, Does.Contain($"({System.Numerics.Vector<float>.Count} x f32 vectors"));
        Assert.That(version.Contains("512-bit GEMM rows"), Is.EqualTo(CnnPerf.Frameworks.Managed.Kernels.PackedGemm.WideRowsSupported), version);
    }

    [Test]
    public void UnsupportedOperatorIsReportedByValidateAndLoadWithNodeAndOperator()
    {
        var source = TestModels.Save(TestModels.SmallNetwork(lrnReplacement: "HardSwish"), "unsupported");

        var problems = Backend.Validate(source, BackendOptions.Default);

        Assert.That(problems, Is.EqualTo(new[] { "managed: model 'unsupported' at node 'hardswish_1' (op HardSwish): operator not supported by the managed engine" }));
        var error = Assert.Throws<InferenceException>(() => Backend.Load(source, BackendOptions.Default).Dispose())!;
        Assert.That(error.Message, Is.EqualTo(problems[0]));
        Assert.That(error.NodeName, Is.EqualTo("hardswish_1"));
        Assert.That(error.OpType, Is.EqualTo("HardSwish"));
    }

    [Test]
    public void AConfigurationReadsItsModelFileOnce()
    {
        using var file = new CountedModelFile(TestModels.ConvolutionChain(), "counted");
        var configuration = RunConfiguration.For(file.Source, ManagedBackend.BackendName).WithWarmup(WarmupPolicy.Fixed(1)).WithIterations(2).Build();

        var result = new MeasurementRunner().Run(configuration, Backend);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Ok), result.Failure?.Message);
        Assert.That(file.Reads, Is.EqualTo(1), "validation and loading share the one read");
        Backend.Validate(file.Source, BackendOptions.Default);
        using (Backend.Load(file.Source, BackendOptions.Default))
        {
            Assert.That(file.Reads, Is.EqualTo(3), "each call with a file reads it once more");
        }
    }

    [Test]
    public void BadSettingsAreReported()
    {
        var source = TestModels.Save(TestModels.ConvolutionChain(), "settings");
        var options = new BackendOptions(1, new Dictionary<string, string> { ["conv"] = "fft", ["tiles"] = "4" });

        var problems = Backend.Validate(source, options);

        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(string.Join("\n", problems), Does.Contain("conv='fft'").And.Contain("unknown setting 'tiles'"));
        Assert.Throws<InferenceException>(() => Backend.Load(source, options).Dispose());
    }

    [Test]
    public void PlanFusesBatchNormAddAndActivationsIntoConvolutions()
    {
        using var session = Backend.LoadSession(TestModels.Save(TestModels.SmallNetwork(), "fusion"), BackendOptions.Default);

        var ops = session.Layers.Select(l => l.OpType).ToList();

        Assert.That(ops, Does.Contain("Conv+BatchNormalization+Relu"));
        Assert.That(ops, Does.Contain("Conv+BatchNormalization+Add+Relu"));
        Assert.That(ops, Does.Contain("Conv+Clip"));
        Assert.That(ops, Has.None.EqualTo("BatchNormalization").And.None.EqualTo("Relu").And.None.EqualTo("Flatten"));
        Assert.That(session.Layers.Single(l => l.OpType == "Conv+Clip").Technique, Is.EqualTo(ConvolutionTechnique.Depthwise));
    }

    [Test]
    public void WeightsThatTwoConvolutionsShareArePackedForBoth()
    {
        var random = new Random(3);
        var weights = Enumerable.Range(0, 8 * 8 * 9).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var pads = OnnxAttribute.Of("pads", 1L, 1L, 1L, 1L);
        var model = new OnnxModelWriter("shared").Input("x", 1, 8, 16, 16).Output("y", 1, 8, 16, 16)
            .Initializer(OnnxTensor.FromFloats("w", [8, 8, 3, 3], weights))
            .Node("Conv", "conv_1", ["x", "w"], ["a"], pads).Node("Relu", "relu_1", ["a"], ["b"]).Node("Conv", "conv_2", ["b", "w"], ["y"], pads);
        var source = TestModels.Save(model.ToBytes(), "shared");
        using var session = Backend.LoadSession(source, BackendOptions.Default);

        var input = Tensor.Random(session.InputShape, 11);
        var output = new Tensor(session.OutputShape);
        session.Run(input, output);
        var comparison = OutputComparison.Compare(OnnxRuntimeReference.Run(source.Path, input), output.Data);
        Assert.That(comparison.MaxRelDiff, Is.LessThanOrEqualTo(BackendVerifier.DefaultTolerance));
    }

    [Test]
    public void MemoryPlanPingPongsAChainBetweenTwoBuffers()
    {
        using var session = Backend.LoadSession(TestModels.Save(TestModels.ConvolutionChain(), "chain"), BackendOptions.Default);

        Assert.That(session.Layers, Has.Count.EqualTo(5));
        Assert.That(session.ActivationBytes, Is.EqualTo(2L * 8 * 32 * 32 * sizeof(float)));
    }

    [TestCase(1), TestCase(2)]
    public void ConcatenationOfValuesNothingElseReadsIsComputedInPlace(int threads)
    {
        var source = TestModels.Save(TestModels.ConcatNetwork(), $"concat{threads}");
        using var session = Backend.LoadSession(source, new BackendOptions(threads));

        Assert.That(session.Layers.Count(l => l.OpType == "Concat"), Is.EqualTo(1), "only the concatenation of a shared value copies");
        var input = Tensor.Random(session.InputShape, 7);
        var output = new Tensor(session.OutputShape);
        session.Run(input, output);
        var comparison = OutputComparison.Compare(OnnxRuntimeReference.Run(source.Path, input), output.Data);
        Assert.That(comparison.MaxRelDiff, Is.LessThanOrEqualTo(BackendVerifier.DefaultTolerance));
    }

    [TestCase(1), TestCase(2), TestCase(3)]
    public void SmallNetworkAgreesWithOnnxRuntimeForEveryTechnique(int threads)
    {
        var source = TestModels.Save(TestModels.SmallNetwork(), $"small{threads}");
        foreach (var technique in Enum.GetValues<ConvolutionTechnique>())
        {
            var options = new BackendOptions(threads, new Dictionary<string, string> { ["conv"] = ManagedSettings.Format(technique) });
            using var session = Backend.LoadSession(source, options);
            var input = Tensor.Random(session.InputShape, 3);
            var output = new Tensor(session.OutputShape);
            session.Run(input, output);
            var comparison = OutputComparison.Compare(OnnxRuntimeReference.Run(source.Path, input), output.Data);
            Assert.That(comparison.MaxRelDiff, Is.LessThanOrEqualTo(BackendVerifier.DefaultTolerance), technique.ToString());
        }
    }

    [TestCase(1), TestCase(2), TestCase(3)]
    public void SteadyStateInferenceAllocatesNothingOnAnyThread(int threads)
    {
        using var session = Backend.LoadSession(TestModels.Save(TestModels.SmallNetwork(), $"alloc{threads}"), new BackendOptions(threads));
        var input = Tensor.Random(session.InputShape, 1);
        var output = new Tensor(session.OutputShape);
        for (var i = 0; i < 5; i++)
        {
            session.Run(input, output);
        }

        var workersBefore = session.WorkerAllocatedBytes();
        var thread = GC.GetAllocatedBytesForCurrentThread();
        var process = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 20; i++)
        {
            session.Run(input, output);
        }
        var threadBytes = GC.GetAllocatedBytesForCurrentThread() - thread;
        var processBytes = GC.GetTotalAllocatedBytes(precise: true) - process;
        var workerBytes = session.WorkerAllocatedBytes().Zip(workersBefore, (after, before) => after - before).ToArray();

        // The whole process also counts the test host's own threads (logging, timers), so it is reported, not asserted.
        TestContext.Out.WriteLine($"20 runs: calling thread {threadBytes} B, workers [{string.Join(", ", workerBytes)}] B, whole process {processBytes} B");
        Assert.That(threadBytes, Is.Zero, "bytes allocated by the calling thread over 20 runs");
        Assert.That(workerBytes, Has.Length.EqualTo(threads - 1).And.All.Zero, "bytes allocated by each worker thread over 20 runs");
    }

    [Test]
    public void ProfileLayersTimesEveryStepAndComputesTheSameOutput()
    {
        using var session = Backend.LoadSession(TestModels.Save(TestModels.SmallNetwork(), "profile"), new BackendOptions(2));
        var input = Tensor.Random(session.InputShape, 1);

        var timings = session.ProfileLayers(input, 3);

        Assert.That(timings.Select(t => t.NodeName), Is.EqualTo(session.Layers.Select(l => l.NodeName)));
        Assert.That(timings.Select(t => t.OpType), Is.EqualTo(session.Layers.Select(l => l.OpType)));
        Assert.That(timings, Has.All.Matches<LayerTiming>(t => t!.MeanMilliseconds >= 0));
        Assert.That(timings.Sum(t => t.MeanMilliseconds), Is.GreaterThan(0));
    }

    [Test]
    public void WrongTensorShapesAreRejected()
    {
        using var session = Backend.LoadSession(TestModels.Save(TestModels.ConvolutionChain(), "shapes"), BackendOptions.Default);

        var error = Assert.Throws<InferenceException>(() => session.Run(new Tensor(new TensorShape(1, 3, 32, 32)), new Tensor(session.OutputShape)));

        Assert.That(error!.Message, Does.Contain("expected input [1,8,32,32]"));
    }
}
