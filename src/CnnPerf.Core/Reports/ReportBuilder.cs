using System.Globalization;
using CnnPerf.Analysis;
using CnnPerf.Metrics;
using CnnPerf.Modeling;

namespace CnnPerf.Reports;

/// <summary>Lays out the sections of a report from its data: text, tables and charts.</summary>
internal static class ReportBuilder
{
    private const int StrongestScatterPlots = 3;
    private const int CorrelationsPerTarget = 8;

    private static readonly string[] ResultColumns =
    [
        MetricIds.LatencyMean.Id, MetricIds.LatencyP50.Id, MetricIds.LatencyP99.Id, MetricIds.ThroughputFps.Id,
        MetricIds.CpuUtilizationCores.Id, MetricIds.MemPeakRss.Id, MetricIds.PowerMean.Id, MetricIds.EnergyPerInference.Id,
    ];

    /// <summary>Every block of the report, in order.</summary>
    public static IReadOnlyList<ReportBlock> Build(ReportData data)
    {
        var blocks = new List<ReportBlock>();
        Context(data, blocks);
        Results(data, blocks);
        LatencyDistributions(data, blocks);
        Scaling(data, blocks);
        Energy(data, blocks);
        Correlations(data, blocks);
        Models(data, blocks);
        Unavailable(data, blocks);
        if (data.Notes.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, "Notes"));
            blocks.AddRange(data.Notes.Select(note => new ParagraphBlock(note)));
        }

        return blocks;
    }

    private static void Context(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(2, "Machine and software"));
        blocks.Add(data.Context.Count == 0
            ? new ParagraphBlock("No machine context was recorded.")
            : new TableBlock(["", "value"], data.Context.Select(pair => (IReadOnlyList<string>)[pair.Key, pair.Value]).ToList()));
    }

    private static void Results(ReportData data, List<ReportBlock> blocks)
    {
        var table = data.Results;
        blocks.Add(new HeadingBlock(2, "Results"));
        if (table.RowCount == 0)
        {
            blocks.Add(new ParagraphBlock("No configuration was measured."));
            return;
        }

        var columns = ResultColumns.Where(table.HasColumn).ToList();
        var header = new List<string> { "model", "backend", "threads" };
        header.AddRange(columns.Select(Label));
        var rows = Enumerable.Range(0, table.RowCount).Select(i => (IReadOnlyList<string>)
            [table.Keys[i].Model, table.Keys[i].Backend, table.Keys[i].Threads.ToString(CultureInfo.InvariantCulture), .. columns.Select(c => CellFormat.Number(table.Column(c)[i]))]).ToList();
        blocks.Add(new ParagraphBlock($"{table.RowCount} configurations; every metric of each is in the CSV export."));
        blocks.Add(new TableBlock(header, rows));
    }

    private static void LatencyDistributions(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(2, "Latency distribution"));
        var sets = data.LatencySamples.Where(s => s.Milliseconds.Count > 0).ToList();
        if (sets.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No per-inference latencies were recorded."));
            return;
        }

        foreach (var model in sets.GroupBy(s => s.Key.Model).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = model.OrderBy(s => s.Key.Backend, StringComparer.Ordinal).ThenBy(s => s.Key.Threads).ToList();
            blocks.Add(new ChartBlock(ReportCharts.LatencyDistribution(model.Key, ordered)));
        }
    }

    private static void Scaling(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(2, "Throughput and CPU utilization against threads"));
        var any = false;
        foreach (var (metric, label, file) in new[]
        {
            (MetricIds.ThroughputFps.Id, "Throughput (inferences/s)", "throughput-threads.png"),
            (MetricIds.CpuUtilizationCores.Id, "CPU utilization (cores)", "cpu-threads.png"),
        })
        {
            if (HasValues(data.Results, metric))
            {
                blocks.Add(new ChartBlock(ReportCharts.AgainstThreads(data.Results, metric, label, file)));
                any = true;
            }
        }

        if (!any)
        {
            blocks.Add(new ParagraphBlock("Neither throughput nor CPU utilization was measured."));
        }
    }

    private static void Energy(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(2, "Energy per inference"));
        var metric = MetricIds.EnergyPerInference.Id;
        blocks.Add(HasValues(data.Results, metric)
            ? new ChartBlock(ReportCharts.EnergyPerInference(data.Results, metric))
            : new ParagraphBlock("Not measured: no meter recorded the power of a whole measured phase (the list of what was not available says why)."));
    }

    private static void Correlations(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(2, "Correlation of performance with hardware metrics"));
        var report = data.Correlations;
        if (report is null || report.Correlations.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No correlation could be computed (at least 3 configurations with varying metrics are needed)."));
        }
        else
        {
            blocks.Add(new ParagraphBlock(
                $"Over {report.Configurations} configurations: Pearson r with two-sided p-value and 95% confidence interval (Fisher z), " +
                $"Spearman rho. The {CorrelationsPerTarget} strongest metrics per target."));
            var rows = report.Correlations.GroupBy(c => c.Target).SelectMany(g => g.Take(CorrelationsPerTarget)).Select(c => (IReadOnlyList<string>)
            [
                c.Target, c.Metric, c.N.ToString(CultureInfo.InvariantCulture), c.Pearson.R.ToString("F3", CultureInfo.InvariantCulture),
                CellFormat.PValue(c.Pearson.PValue),
                $"[{CellFormat.Number(c.Pearson.Interval.Low)}, {CellFormat.Number(c.Pearson.Interval.High)}]",
                c.Spearman.Rho.ToString("F3", CultureInfo.InvariantCulture), CellFormat.PValue(c.Spearman.PValue),
            ]).ToList();
            blocks.Add(new TableBlock(["target", "metric", "n", "pearson r", "p", "95% CI", "spearman rho", "p (rho)"], rows));
        }

        if (data.CorrelationMatrix is { Names.Count: >= 2 } matrix)
        {
            blocks.Add(new ChartBlock(ReportCharts.Heatmap(matrix)));
        }

        var latency = report?.Correlations.Where(c => c.Target == MetricIds.LatencyMean.Id).Take(StrongestScatterPlots).ToList() ?? [];
        for (var i = 0; i < latency.Count; i++)
        {
            blocks.Add(new ChartBlock(ReportCharts.MetricScatter(data.Results, latency[i], i + 1)));
        }

        if (report is { Skipped.Count: > 0 })
        {
            blocks.Add(new HeadingBlock(3, "Not correlated"));
            var reasons = report.Skipped.GroupBy(s => s.Reason).Select(g => (IReadOnlyList<string>)
                [g.Key, string.Join(", ", g.Select(s => s.Target).Distinct())]).ToList();
            blocks.Add(new TableBlock(["reason", "targets"], reasons));
        }
    }

    private static void Models(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(2, "Empirical models: predicted vs measured"));
        if (data.RegressionModels.Count + data.CrossValidations.Count + data.LayerwiseValidations.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No model could be fitted (too few configurations or layer timings)."));
            return;
        }

        foreach (var model in data.RegressionModels)
        {
            blocks.Add(new HeadingBlock(3, $"Linear model of {model.Target}"));
            blocks.Add(new ParagraphBlock(
                $"Features chosen by forward selection on {model.CrossValidation.Scheme} error: {string.Join(", ", model.Selected)}. " +
                $"R^2 = {model.Fit.RSquared:F3}, adjusted R^2 = {CellFormat.Number(model.Fit.AdjustedRSquared)}, intercept {CellFormat.Number(model.Fit.Intercept)}. " +
                "The cross-validated error below is that of the chosen features, so it is slightly optimistic."));
            blocks.Add(new TableBlock(["feature", "coefficient", "standardized"],
                model.Selected.Select((f, j) => (IReadOnlyList<string>)[f, CellFormat.Number(model.Fit.Coefficients[j]), CellFormat.Number(model.Fit.StandardizedCoefficients[j])]).ToList()));
        }

        var validations = data.RegressionModels.Select(m => m.CrossValidation).Concat(data.CrossValidations).ToList();
        if (validations.Count > 0)
        {
            blocks.Add(new TableBlock(["model", "validation", "n", "MAPE", "RMSE", "within +/-10%"], validations.Select(v => (IReadOnlyList<string>)
                [$"{v.Target} ~ {string.Join(" + ", v.Features)}", v.Scheme, v.Errors.N.ToString(CultureInfo.InvariantCulture),
                 CellFormat.Number(v.Errors.MeanAbsolutePercentageError) + "%", CellFormat.Number(v.Errors.RootMeanSquaredError), CellFormat.Percent(v.Errors.WithinTenPercent)]).ToList()));
            for (var i = 0; i < validations.Count; i++)
            {
                var v = validations[i];
                var series = v.Predictions.GroupBy(p => p.Key.Backend).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, g.Select(p => p.Measured).ToArray(), g.Select(p => p.Predicted).ToArray())).ToList();
                blocks.Add(new ChartBlock(ReportCharts.PredictedVsMeasured(
                    $"{v.Target}: {v.Scheme}", $"regression-{i + 1}-{ReportCharts.Slug(v.Scheme)}.png",
                    $"Linear model on {string.Join(", ", v.Features)}, each configuration predicted by a model fitted without its group ({v.Scheme}): " +
                    $"MAPE {CellFormat.Number(v.Errors.MeanAbsolutePercentageError)}%, {CellFormat.Percent(v.Errors.WithinTenPercent)} within +/-10%.",
                    series, Unit(v.Target))));
            }
        }

        Layerwise(data, blocks);
    }

    private static void Layerwise(ReportData data, List<ReportBlock> blocks)
    {
        if (data.LayerwiseValidations.Count == 0)
        {
            return;
        }

        blocks.Add(new HeadingBlock(3, "Layer-wise latency predictor (leave-one-network-out)"));
        blocks.Add(new ParagraphBlock(
            "Per backend and thread count: a linear model per layer type on static layer features (MACs, parameters, input/output bytes, " +
            "kernel area, stride), trained on the profiled layer times of the other networks, summed over the held-out network's layers " +
            "and scaled by the measured/profiled ratio of the training networks."));
        blocks.Add(new TableBlock(["backend", "threads", "networks", "MAPE", "RMSE (ms)", "within +/-10%"], data.LayerwiseValidations.Select(v => (IReadOnlyList<string>)
            [v.Backend, v.Threads.ToString(CultureInfo.InvariantCulture), v.Errors.N.ToString(CultureInfo.InvariantCulture),
             CellFormat.Number(v.Errors.MeanAbsolutePercentageError) + "%", CellFormat.Number(v.Errors.RootMeanSquaredError), CellFormat.Percent(v.Errors.WithinTenPercent)]).ToList()));
        var series = data.LayerwiseValidations.Where(v => v.Networks.Count > 0)
            .Select(v => ($"{v.Backend} {v.Threads} thr", v.Networks.Select(n => n.MeasuredMilliseconds).ToArray(), v.Networks.Select(n => n.Prediction.Milliseconds).ToArray()))
            .ToList();
        if (series.Count > 0)
        {
            blocks.Add(new ChartBlock(ReportCharts.PredictedVsMeasured(
                "Layer-wise latency prediction", "layerwise-prediction.png",
                "Each point is a network predicted by a layer-wise model that never saw it (leave-one-network-out), per backend and thread count.",
                series, "ms")));
        }

        var notes = data.LayerwiseValidations.SelectMany(v => v.Notes.Select(n => $"{v.Backend} {v.Threads} thr: {n}")).ToList();
        if (notes.Count > 0)
        {
            blocks.Add(new TableBlock(["layer-wise model notes"], notes.Select(n => (IReadOnlyList<string>)[n]).ToList()));
        }
    }

    private static void Unavailable(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(2, "Counters not available"));
        blocks.Add(data.UnavailableCounters.Count == 0
            ? new ParagraphBlock("Every requested counter was available.")
            : new TableBlock(["counter", "why"], data.UnavailableCounters.Select(c => (IReadOnlyList<string>)[c.Name, c.Reason]).ToList()));
    }

    private static bool HasValues(MetricTable table, string metric) => table.HasColumn(metric) && table.Column(metric).Any(v => !double.IsNaN(v));

    private static string Label(string metric) => MetricIds.Find(metric) is { } definition ? $"{definition.DisplayName} ({definition.Unit})" : metric;

    private static string Unit(string metric) => MetricIds.Find(metric)?.Unit ?? metric;
}
