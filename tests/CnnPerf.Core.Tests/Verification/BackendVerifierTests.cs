using CnnPerf.Backends;
using CnnPerf.Core.Tests.Onnx;
using CnnPerf.Models;
using CnnPerf.Verification;

namespace CnnPerf.Core.Tests.Verification;

public sealed class BackendVerifierTests
{
    private static readonly ModelSource Model = TinyModel.Save("m");

    [Test]
    public void Verify_ComparesEveryCandidateOnTheSameInputs()
    {
        var reference = new ScalingBackend("ref", 1f);
        var close = new ScalingBackend("close", 1.00001f);
        var far = new ScalingBackend("far", 1.01f);

        var report = BackendVerifier.Verify(Model, reference, [close, far], BackendOptions.Default, inputCount: 3, seed: 5);

        Assert.That(report.Reference, Is.EqualTo("ref"));
        Assert.That(report.Results.Select(r => r.Backend), Is.EqualTo(new[] { "close", "far" }));
        Assert.That(report.Results[0].MaxRelDiff, Is.EqualTo(1e-5).Within(1e-6));
        Assert.That(report.Results[0].Ok, Is.True);
        Assert.That(report.Results[1].MaxRelDiff, Is.EqualTo(0.01).Within(1e-6));
        Assert.That(report.Results[1].Ok, Is.False);
        Assert.That(report.AllOk, Is.False);
        Assert.That(close.Inputs, Is.EqualTo(reference.Inputs));
        Assert.That(close.Inputs, Has.Count.EqualTo(3));
    }

    [Test]
    public void Verify_UnavailableOrFailingCandidates_AreResultsWithTheirError()
    {
        var unavailable = new ScalingBackend("gone", 1f) { AvailabilityToReport = BackendAvailability.Unavailable("libfoo missing") };
        var failing = new ScalingBackend("broken", 1f) { LoadError = "cannot load" };

        var report = BackendVerifier.Verify(Model, new ScalingBackend("ref", 1f), [unavailable, failing], BackendOptions.Default);

        Assert.That(report.Results[0].Error, Is.EqualTo("unavailable: libfoo missing"));
        Assert.That(report.Results[1].Error, Does.Contain("cannot load"));
        Assert.That(report.Results.Select(r => r.MaxRelDiff), Has.All.NaN);
        Assert.That(report.AllOk, Is.False);
    }

    [Test]
    public void Verify_FailingReference_Throws()
    {
        var reference = new ScalingBackend("ref", 1f) { LoadError = "cannot load" };

        Assert.Throws<InferenceException>(() => BackendVerifier.Verify(Model, reference, [new ScalingBackend("x", 1f)], BackendOptions.Default));
    }

    /// <summary>A backend whose "model" multiplies a [1,4] input by a factor.</summary>
    private sealed class ScalingBackend(string name, float factor) : IInferenceBackend
    {
        public List<float[]> Inputs { get; } = [];

        public BackendAvailability AvailabilityToReport { get; init; } = BackendAvailability.Available;

        public string? LoadError { get; init; }

        public float Factor => factor;

        public string Name => name;

        public string? Version => "1";

        public BackendAvailability Availability => AvailabilityToReport;

        public IReadOnlyList<string> Validate(PreparedModel model, BackendOptions options) => [];

        public IInferenceSession Load(PreparedModel model, BackendOptions options) =>
            LoadError is null ? new Session(this) : throw new InferenceException(name, model.Name, LoadError);

        private sealed class Session(ScalingBackend backend) : IInferenceSession
        {
            public TensorShape InputShape { get; } = new(1, 4);

            public TensorShape OutputShape { get; } = new(1, 4);

            public void Run(Tensor input, Tensor output)
            {
                backend.Inputs.Add((float[])input.Data.Clone());
                for (var i = 0; i < input.Data.Length; i++)
                {
                    output.Data[i] = input.Data[i] * backend.Factor;
                }
            }

            public IReadOnlyList<LayerTiming> ProfileLayers(Tensor input, int runs) => [];

            public void Dispose()
            {
            }
        }
    }
}
