using CnnPerf.Analysis;
using CnnPerf.Modeling;

namespace CnnPerf.Core.Tests.Modeling;

public sealed class GroupCrossValidationTests
{
    [Test]
    public void ExactLinearRelationIsPredictedForUnseenNetworksAndBackends()
    {
        var table = SyntheticTable(noise: 0);
        foreach (var scheme in new[] { CrossValidationScheme.LeaveOneNetworkOut, CrossValidationScheme.LeaveOneBackendOut, CrossValidationScheme.KFold(3) })
        {
            var result = GroupCrossValidation.Run(table, "latency.mean_ms", ["sim.instructions", "sim.d1_misses"], scheme);
            Assert.That(result.Errors.N, Is.EqualTo(table.RowCount), scheme.Name);
            Assert.That(result.Errors.MeanAbsolutePercentageError, Is.LessThan(1e-8), scheme.Name);
            Assert.That(result.Errors.WithinTenPercent, Is.EqualTo(1), scheme.Name);
        }
    }

    [Test]
    public void EachGroupIsPredictedWithoutItsOwnRows()
    {
        var table = SyntheticTable(noise: 0);
        var column = table.Column("latency.mean_ms").ToArray();
        column[0] = 1000;
        var keys = table.Keys;
        var poisoned = new MetricTable(keys, table.Columns.ToDictionary(c => c, c => c == "latency.mean_ms" ? column : table.Column(c).ToArray()));
        var result = GroupCrossValidation.Run(poisoned, "latency.mean_ms", ["sim.instructions", "sim.d1_misses"], CrossValidationScheme.LeaveOneNetworkOut);
        var heldOut = result.Predictions.Where(p => p.Group == keys[0].Model).ToList();
        Assert.That(heldOut.Select(p => p.Key.Model), Is.All.EqualTo(keys[0].Model));
        Assert.That(heldOut[0].Predicted, Is.LessThan(100), "the outlier's own row must not train the model that predicts it");
        Assert.That(result.Predictions.Where(p => p.Group != keys[0].Model).Select(p => p.Predicted - p.Measured),
            Has.Some.Not.EqualTo(0).Within(1e-6), "while the outlier trains the other folds");
    }

    [Test]
    public void RowsMissingTheTargetOrAFeatureAreLeftOut()
    {
        var table = SyntheticTable(noise: 0);
        var features = table.Column("sim.d1_misses").ToArray();
        features[3] = double.NaN;
        var holed = new MetricTable(table.Keys, table.Columns.ToDictionary(c => c, c => c == "sim.d1_misses" ? features : table.Column(c).ToArray()));
        var result = GroupCrossValidation.Run(holed, "latency.mean_ms", ["sim.d1_misses"], CrossValidationScheme.LeaveOneBackendOut);
        Assert.That(result.Predictions, Has.Count.EqualTo(table.RowCount - 1));
    }

    [Test]
    public void ASingleGroupHasNothingToTrainOnAndIsPredictedAsNaN()
    {
        double[][] rows = [[1], [2], [3]];

        var predicted = GroupCrossValidation.Predict(rows, [2.0, 4, 6], ["opencv", "opencv", "opencv"]);

        Assert.That(predicted, Is.All.NaN, "energy measured on one backend only cannot be validated leave-one-backend-out");
    }

    [Test]
    public void LengthMismatchIsAnArgumentError()
    {
        Assert.That(() => GroupCrossValidation.Predict([[1.0]], [1.0], ["a", "b"]),
            Throws.ArgumentException.With.Message.Contains("1 feature rows, 1 target values and 2 group labels"));
    }

    /// <summary>5 networks x 2 backends x 2 thread counts; latency linear in two metrics plus deterministic noise.</summary>
    internal static MetricTable SyntheticTable(double noise)
    {
        var rows = new List<MetricRow>();
        var networks = new[] { ("alexnet", 0.72), ("resnet18", 1.82), ("resnet50", 4.1), ("mobilenet_v2", 0.3), ("squeezenet1_1", 0.35) };
        var index = 0;
        foreach (var (model, gmacs) in networks)
        {
            foreach (var (backend, efficiency) in new[] { ("onnxruntime", 1.0), ("opencv", 1.7) })
            {
                foreach (var threads in new[] { 1, 2 })
                {
                    var instructions = gmacs * 1e9 * efficiency * (1 + 0.04 * threads);
                    var misses = gmacs * 2e7 * (1 + 0.3 * (index % 3)) / threads;
                    var latency = 2 + 4e-9 * instructions + 3e-7 * misses;
                    var wobble = noise * Math.Sin(index * 1.7);
                    rows.Add(new MetricRow(new ConfigurationKey(model, backend, threads), new Dictionary<string, double>
                    {
                        ["latency.mean_ms"] = latency * (1 + wobble),
                        ["sim.instructions"] = instructions,
                        ["sim.d1_misses"] = misses,
                        ["sw.page_faults"] = 3 + Math.Cos(index * 2.3),
                    }));
                    index++;
                }
            }
        }

        return MetricTable.FromRows(rows);
    }
}
