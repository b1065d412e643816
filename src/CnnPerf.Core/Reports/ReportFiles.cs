namespace CnnPerf.Reports;

/// <summary>The files a report was written to.</summary>
/// <param name="HtmlPath">The self-contained <c>report.html</c> (charts embedded as base64 PNG).</param>
/// <param name="MarkdownPath"><c>report.md</c>, which links the chart files.</param>
/// <param name="ChartPaths">The PNG chart files beside <c>report.md</c>.</param>
public sealed record ReportFiles(string HtmlPath, string MarkdownPath, IReadOnlyList<string> ChartPaths);
