namespace CnnPerf.Reports;

/// <summary>
/// Writes a study report from plain data: <c>report.html</c> (one self-contained file, charts embedded as base64
/// PNG) and <c>report.md</c> with its charts as PNG files in <c>charts/</c> beside it.
/// </summary>
public static class ReportWriter
{
    /// <summary>The folder of the chart files, relative to the output directory.</summary>
    public const string ChartFolder = "charts";

    /// <summary>Renders the report into <paramref name="directory"/> (created if needed; existing report files are replaced).</summary>
    /// <param name="data">What to report.</param>
    /// <param name="directory">Output folder.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="IOException">The folder or a file cannot be written.</exception>
    public static ReportFiles Write(ReportData data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(directory);
        var blocks = ReportBuilder.Build(data);
        var chartDirectory = Path.Combine(directory, ChartFolder);
        Directory.CreateDirectory(chartDirectory);
        var chartPaths = new List<string>();
        foreach (var chart in blocks.OfType<ChartBlock>().Select(b => b.Chart))
        {
            var path = Path.Combine(chartDirectory, chart.FileName);
            File.WriteAllBytes(path, chart.Png);
            chartPaths.Add(path);
        }

        var markdownPath = Path.Combine(directory, "report.md");
        File.WriteAllText(markdownPath, MarkdownReportRenderer.Render(data.Title, blocks, ChartFolder));
        var htmlPath = Path.Combine(directory, "report.html");
        File.WriteAllText(htmlPath, HtmlReportRenderer.Render(data.Title, blocks));
        return new ReportFiles(htmlPath, markdownPath, chartPaths);
    }
}
