using CnnPerf.Analysis;
using CnnPerf.Core.Tests.Statistics;

namespace CnnPerf.Core.Tests.Analysis;

public sealed class MetricCorrelationsTests
{
    [Test]
    public void EveryExplanatoryMetricIsCorrelatedWithEveryTargetStrongestFirst()
    {
        var table = ReferenceData.Configurations();
        var report = MetricCorrelations.AgainstTargets(table);
        var explanatory = PerformanceTargets.ExplanatoryColumns(table);
        Assert.That(explanatory, Does.Not.Contain("latency.mean_ms").And.Contain("sim.instructions"));
        Assert.That(report.Configurations, Is.EqualTo(14));
        Assert.That(report.Correlations, Has.Count.EqualTo(5 * explanatory.Count));
        Assert.That(report.Skipped, Is.Empty);
        var latency = report.Correlations.Where(c => c.Target == "latency.mean_ms").ToList();
        Assert.That(latency.Select(c => Math.Abs(c.Pearson.R)), Is.Ordered.Descending);
        Assert.That(latency[0].Metric, Is.EqualTo("sim.instructions"), "instructions track latency across backends");
        Assert.That(latency[0].Pearson.R, Is.GreaterThan(0.85));
    }

    [Test]
    public void MissingConstantAndSparseColumnsAreSkippedWithTheReason()
    {
        var keys = Enumerable.Range(1, 5).Select(i => new ConfigurationKey("m" + i, "b", 1)).ToList();
        var table = new MetricTable(keys, new Dictionary<string, double[]>
        {
            ["latency.mean_ms"] = [1, 2, 3, 4, 5],
            ["sw.page_faults"] = [3, 3, 3, 3, 3],
            ["hw.cycles"] = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN],
            ["sim.instructions"] = [1, double.NaN, double.NaN, 4, double.NaN],
            ["sw.task_clock_ms"] = [1.1, 2.3, 2.9, 4.2, 5.0],
        });
        var report = MetricCorrelations.AgainstTargets(table, ["latency.mean_ms", "power.mean_w"]);
        Assert.That(report.Correlations.Select(c => c.Metric), Is.EqualTo(new[] { "sw.task_clock_ms" }));
        var reasons = report.Skipped.ToDictionary(s => s.Target + " " + s.Metric, s => s.Reason);
        Assert.That(reasons["power.mean_w "], Does.Contain("not measured"));
        Assert.That(reasons["latency.mean_ms sw.page_faults"], Does.Contain("constant (3 in every configuration)"));
        Assert.That(reasons["latency.mean_ms hw.cycles"], Does.Contain("not measured in any configuration"));
        Assert.That(reasons["latency.mean_ms sim.instructions"], Does.Contain("only 2 configuration(s)"));
    }

    [Test]
    public void CorrelationMatrixIsSymmetricWithUnitDiagonal()
    {
        var matrix = CorrelationMatrix.Compute(ReferenceData.Configurations());
        Assert.That(matrix.Names, Has.Count.EqualTo(12));
        for (var i = 0; i < matrix.Names.Count; i++)
        {
            Assert.That(matrix.Values[i, i], Is.EqualTo(1));
            for (var j = 0; j < matrix.Names.Count; j++)
            {
                Assert.That(matrix.Values[i, j], Is.EqualTo(matrix.Values[j, i]));
            }
        }
    }
}
