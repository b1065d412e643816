using CnnPerf.Analysis;
using CnnPerf.Core.Tests.Modeling;
using CnnPerf.Core.Tests.Statistics;
using CnnPerf.Modeling;
using CnnPerf.Reports;

namespace CnnPerf.Core.Tests.Reports;

/// <summary>A full report's data built from the reference table, with every section filled.</summary>
internal static class SampleReport
{
    public static ReportData Data()
    {
        var table = ReferenceData.Configurations();
        var samples = table.Keys.Select((key, i) => new LatencySampleSet(key,
            Enumerable.Range(0, 200).Select(k => table.Column("latency.mean_ms")[i] * (1 + 0.03 * Math.Sin(k * 0.77 + i) + (k % 37 == 0 ? 0.2 : 0))).ToArray())).ToList();
        var selection = ForwardSelection.Select(table, "latency.mean_ms", PerformanceTargets.ExplanatoryColumns(table), CrossValidationScheme.LeaveOneNetworkOut)!;
        var (layerSamples, measured) = LayerwiseModelTests.SyntheticNetworks();
        return new ReportData
        {
            Title = "CnnPerf report: reference data",
            Context = [new("CPU", "AMD EPYC (2 vCPU)"), new("Kernel", "6.18"), new(".NET", Environment.Version.ToString())],
            Results = table,
            LatencySamples = samples,
            Correlations = MetricCorrelations.AgainstTargets(table),
            CorrelationMatrix = CorrelationMatrix.Compute(table),
            RegressionModels = [selection],
            CrossValidations = [GroupCrossValidation.Run(table, "latency.mean_ms", selection.Selected, CrossValidationScheme.LeaveOneBackendOut)],
            LayerwiseValidations = [LayerwiseValidation.LeaveOneNetworkOut("onnxruntime", 1, layerSamples, measured)],
            UnavailableCounters = [new("cycles", "ENOENT: no PMU in this VM"), new("power", "no RAPL, hwmon or I2C meter found")],
            Notes = ["1 configuration failed: resnet50/opencv/2t (SIGKILL)"],
        };
    }
}
