using CnnPerf.Core.Tests.Statistics;
using CnnPerf.Modeling;

namespace CnnPerf.Core.Tests.Modeling;

public sealed class StudyAnalysisTests
{
    [Test]
    public void AnalysesCorrelationsAndModelsOfLatencyAndEnergy()
    {
        var table = ReferenceData.Configurations();
        var result = StudyAnalysis.Run(table, [], new Dictionary<string, CnnPerf.Features.ModelFeatures>());
        Assert.That(result.Correlations.Configurations, Is.EqualTo(14));
        Assert.That(result.CorrelationMatrix.Names, Does.Contain("latency.mean_ms").And.Contain("sim.instructions"));
        Assert.That(result.RegressionModels.Select(m => m.Target), Is.EqualTo(new[] { "latency.mean_ms", "energy.per_inference_mj" }));
        Assert.That(result.RegressionModels.Select(m => m.CrossValidation.Scheme), Is.All.EqualTo("leave-one-network-out"));
        Assert.That(result.CrossValidations.Select(v => v.Scheme), Is.All.EqualTo("leave-one-backend-out"));
        Assert.That(result.CrossValidations.Select(v => v.Features), Is.EqualTo(result.RegressionModels.Select(m => m.Selected)));
        Assert.That(result.LayerwiseValidations, Is.Empty, "no layer timings given");
    }
}
