using CnnPerf.Features;
using CnnPerf.Models;
using CnnPerf.Store;
using CnnPerf.Studies;

namespace CnnPerf.Core.Tests.Studies;

public sealed class StudyPredictorTests
{
    private string _folder = "";
    private StoredStudy _study = null!;

    [OneTimeSetUp]
    public void WriteStudy()
    {
        _folder = Directory.CreateTempSubdirectory("cnnperf-study-predictor-").FullName;
        using var store = ResultStore.Open(SyntheticStudy.Write(_folder));
        _study = StoredStudy.Load(store, new ModelZoo(_folder));
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase("onnxruntime", 1, 1.0)]
    [TestCase("onnxruntime", 2, 0.6)]
    [TestCase("opencv", 1, 1.7)]
    public void PredictsANetworkTheStoreNeverMeasured(string backend, int threads, double speed)
    {
        var unseen = ModelFeatureExtractor.Extract(SyntheticStudy.Build(SyntheticStudy.Unseen), SyntheticStudy.Unseen);

        var prediction = StudyPredictor.Predict(_study, unseen, backend, threads);

        Assert.That(prediction.Latency.Milliseconds, Is.EqualTo(SyntheticStudy.TrueLatency(unseen, speed)).Within(10).Percent);
        Assert.That(prediction.Latency.Layers, Is.EqualTo(unseen.Layers.Count));
        Assert.That(prediction.MeasuredMilliseconds, Is.NaN);
        Assert.That(prediction.TrainingNetworks, Is.EqualTo(SyntheticStudy.Networks));
        Assert.That(prediction.Notes, Has.Some.StartsWith("trained on the layer timings of 5 network(s)"));
    }

    [Test]
    public void EnergyIsPredictedOnlyWhereTheStoreHasPower()
    {
        var unseen = ModelFeatureExtractor.Extract(SyntheticStudy.Build(SyntheticStudy.Unseen), SyntheticStudy.Unseen);

        var withPower = StudyPredictor.Predict(_study, unseen, "opencv", 1);
        var without = StudyPredictor.Predict(_study, unseen, "onnxruntime", 1);

        Assert.That(withPower.EnergyMillijoules / withPower.Latency.Milliseconds, Is.EqualTo(6.0).Within(3).Percent, "the synthetic meter reads about 6 W");
        Assert.That(withPower.Notes, Has.One.Contains("the mean power of 5 measured configuration(s)"));
        Assert.That(without.EnergyMillijoules, Is.NaN);
    }

    [Test]
    public void AMeasuredNetworkReportsItsMeasurementBesideThePrediction()
    {
        var prediction = StudyPredictor.Predict(_study, _study.Features["net_c"], "onnxruntime", 1);

        Assert.That(prediction.MeasuredMilliseconds, Is.EqualTo(SyntheticStudy.TrueLatency(_study.Features["net_c"], 1.0)).Within(1e-9));
        Assert.That(prediction.Latency.Milliseconds, Is.EqualTo(prediction.MeasuredMilliseconds).Within(10).Percent);
    }

    [Test]
    public void NoTimingsForTheBackendAndThreadsIsAClearError()
    {
        var network = _study.Features["net_a"];

        var error = Assert.Throws<CnnPerfException>(() => StudyPredictor.Predict(_study, network, "onnxruntime", 4))!;
        Assert.That(error.Message, Does.Contain("has no per-layer timings for onnxruntime at 4 thread(s) (it has them for onnxruntime at 1, 2 thread(s); opencv at 1 thread(s))"));
        Assert.That(error.Message, Does.Contain("cnnperf run --layers"));
        Assert.That(() => StudyPredictor.Predict(_study, network, "tflite", 1), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("no per-layer timings for tflite at 1"));
    }
}
