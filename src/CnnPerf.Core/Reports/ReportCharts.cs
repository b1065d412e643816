using CnnPerf.Analysis;
using CnnPerf.Statistics;
using ScottPlot;

namespace CnnPerf.Reports;

/// <summary>The charts of a report, drawn with ScottPlot into PNG images with the embedded DejaVu Sans font.</summary>
internal static class ReportCharts
{
    private const int Width = 900;
    private const int Height = 480;

    /// <summary>Box plot of per-inference latency of every configuration of one model.</summary>
    public static ReportChart LatencyDistribution(string model, IReadOnlyList<LatencySampleSet> sets)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        var backends = sets.Select(s => s.Key.Backend).Distinct().ToList();
        for (var i = 0; i < sets.Count; i++)
        {
            var values = sets[i].Milliseconds;
            var box = plot.Add.Box(new Box
            {
                Position = i,
                BoxMin = SampleStatistics.Percentile(values, 25),
                BoxMax = SampleStatistics.Percentile(values, 75),
                BoxMiddle = SampleStatistics.Median(values),
                WhiskerMin = SampleStatistics.Percentile(values, 5),
                WhiskerMax = SampleStatistics.Percentile(values, 95),
                FillColor = palette.GetColor(backends.IndexOf(sets[i].Key.Backend)).WithAlpha(0.6),
            });
            box.LegendText = string.Empty;
        }

        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, sets.Count).Select(i => (double)i).ToArray(),
            sets.Select(s => $"{s.Key.Backend}\n{s.Key.Threads} thr").ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title($"Latency distribution: {model}");
        plot.YLabel("latency per inference (ms)");
        return Render(plot, $"latency-{Slug(model)}.png", $"Latency distribution: {model}",
            $"Per-inference latency of {model}: box from p25 to p75 with the median, whiskers at p5 and p95 ({sets.Sum(s => s.Milliseconds.Count)} inferences).");
    }

    /// <summary>A metric against the thread count, one line per (model, backend).</summary>
    public static ReportChart AgainstThreads(MetricTable table, string metric, string label, string fileName)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        var column = table.Column(metric);
        var series = Enumerable.Range(0, table.RowCount)
            .Where(i => !double.IsNaN(column[i]))
            .GroupBy(i => (table.Keys[i].Model, table.Keys[i].Backend))
            .OrderBy(g => g.Key)
            .ToList();
        for (var s = 0; s < series.Count; s++)
        {
            var rows = series[s].OrderBy(i => table.Keys[i].Threads).ToArray();
            var scatter = plot.Add.Scatter(
                rows.Select(i => (double)table.Keys[i].Threads).ToArray(), rows.Select(i => column[i]).ToArray(), palette.GetColor(s % 10));
            scatter.LegendText = $"{series[s].Key.Model} / {series[s].Key.Backend}";
            scatter.MarkerSize = 7;
            scatter.LinePattern = s < 10 ? LinePattern.Solid : LinePattern.Dashed;
        }

        var threads = table.Keys.Select(k => k.Threads).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks(threads.Select(t => (double)t).ToArray(), threads.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Title($"{label} against threads");
        plot.XLabel("threads");
        plot.YLabel(label);
        plot.ShowLegend(Edge.Right);
        return Render(plot, fileName, $"{label} against threads", $"{label} ({metric}) of each model and backend at each thread count.");
    }

    /// <summary>Horizontal bars of energy per inference, one per configuration that has it.</summary>
    public static ReportChart EnergyPerInference(MetricTable table, string metric)
    {
        var plot = NewPlot();
        var column = table.Column(metric);
        var rows = Enumerable.Range(0, table.RowCount).Where(i => !double.IsNaN(column[i])).ToArray();
        var bars = rows.Select((row, position) => new Bar { Position = position, Value = column[row], Orientation = Orientation.Horizontal }).ToArray();
        plot.Add.Bars(bars);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Length).Select(i => (double)i).ToArray(), rows.Select(i => table.Keys[i].ToString()).ToArray());
        plot.Axes.Margins(left: 0);
        plot.Title("Energy per inference");
        plot.XLabel("energy per inference (mJ)");
        return Render(plot, "energy-per-inference.png", "Energy per inference", "Energy of one inference (mJ) for each configuration with a power meter.", Width, Math.Max(Height, 120 + 24 * rows.Length));
    }

    /// <summary>Heatmap of a correlation matrix on a diverging scale from -1 to 1.</summary>
    public static ReportChart Heatmap(CorrelationMatrix matrix)
    {
        var plot = NewPlot();
        var n = matrix.Names.Count;
        var heatmap = plot.Add.Heatmap(matrix.Values);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        plot.Add.ColorBar(heatmap);
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, matrix.Names.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 7 * matrix.Names.Max(name => name.Length) + 20;
        plot.Axes.Left.SetTicks(positions, matrix.Names.Reverse().ToArray());
        plot.Title("Correlation matrix (Pearson r)");
        var size = Math.Max(Height, 420 + 26 * n);
        return Render(plot, "correlation-heatmap.png", "Correlation matrix",
            "Pearson r between every pair of metrics over the configurations (pairwise-complete); red is positive, blue negative.", size + 200, size);
    }

    /// <summary>Scatter of a metric against a target with the least-squares line.</summary>
    public static ReportChart MetricScatter(MetricTable table, MetricCorrelation correlation, int rank)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        var x = table.Column(correlation.Metric);
        var y = table.Column(correlation.Target);
        var rows = Enumerable.Range(0, table.RowCount).Where(i => !double.IsNaN(x[i]) && !double.IsNaN(y[i])).ToArray();
        var backends = rows.Select(i => table.Keys[i].Backend).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var backend in backends)
        {
            var own = rows.Where(i => table.Keys[i].Backend == backend).ToArray();
            var points = plot.Add.ScatterPoints(own.Select(i => x[i]).ToArray(), own.Select(i => y[i]).ToArray(), palette.GetColor(backends.IndexOf(backend)));
            points.MarkerSize = 9;
            points.LegendText = backend;
        }

        var fit = LinearRegression.OrdinaryLeastSquares(rows.Select(i => new[] { x[i] }).ToArray(), rows.Select(i => y[i]).ToArray());
        var (low, high) = (rows.Min(i => x[i]), rows.Max(i => x[i]));
        var line = plot.Add.Line(low, fit.Predict([low]), high, fit.Predict([high]));
        line.LineColor = Colors.Black;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = $"fit: y = {CellFormat.Number(fit.Intercept)} + {CellFormat.Number(fit.Coefficients[0])} x";
        plot.Title($"{correlation.Target} vs {correlation.Metric}: r = {correlation.Pearson.R:F3}, rho = {correlation.Spearman.Rho:F3}");
        plot.XLabel(correlation.Metric);
        plot.YLabel(correlation.Target);
        plot.ShowLegend(Alignment.UpperLeft);
        return Render(plot, $"scatter-{rank}-{Slug(correlation.Metric)}.png", $"{correlation.Target} vs {correlation.Metric}",
            $"Each point is a configuration; dashed line: least-squares fit (R^2 = {fit.RSquared:F3}). Pearson r = {correlation.Pearson.R:F3} " +
            $"(95% CI {correlation.Pearson.Interval.Low:F3} to {correlation.Pearson.Interval.High:F3}, p = {CellFormat.PValue(correlation.Pearson.PValue)}), n = {correlation.N}.");
    }

    /// <summary>Predicted against measured values with the identity line and the +/-10% band.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="fileName">PNG file name.</param>
    /// <param name="caption">Caption (name the validation scheme and errors).</param>
    /// <param name="series">Named point series of (measured, predicted).</param>
    /// <param name="unit">Axis unit label.</param>
    public static ReportChart PredictedVsMeasured(
        string title, string fileName, string caption, IReadOnlyList<(string Name, double[] Measured, double[] Predicted)> series, string unit)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        var all = series.SelectMany(s => s.Measured.Concat(s.Predicted)).Where(double.IsFinite).ToArray();
        var high = all.Length == 0 ? 1 : all.Max() * 1.05;
        var identity = plot.Add.Line(0, 0, high, high);
        identity.LineColor = Colors.Black;
        identity.LegendText = "predicted = measured";
        foreach (var factor in new[] { 0.9, 1.1 })
        {
            var band = plot.Add.Line(0, 0, high, high * factor);
            band.LineColor = Colors.Gray;
            band.LinePattern = LinePattern.Dotted;
            band.LegendText = factor < 1 ? "+/-10%" : string.Empty;
        }

        for (var s = 0; s < series.Count; s++)
        {
            var points = plot.Add.ScatterPoints(series[s].Measured, series[s].Predicted, palette.GetColor(s % 10));
            points.MarkerSize = 9;
            points.LegendText = series[s].Name;
        }

        plot.Axes.SetLimits(0, high, 0, high);
        plot.Title(title);
        plot.XLabel($"measured ({unit})");
        plot.YLabel($"predicted ({unit})");
        plot.ShowLegend(Alignment.UpperLeft);
        return Render(plot, fileName, title, caption);
    }

    /// <summary>A file-name-safe form of a name.</summary>
    public static string Slug(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    private static Plot NewPlot() => new();

    private static ReportChart Render(Plot plot, string fileName, string title, string caption, int width = Width, int height = Height)
    {
        plot.Font.Set(EmbeddedFonts.EnsureRegistered());
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        return new ReportChart(fileName, title, caption, png, width, height);
    }
}
