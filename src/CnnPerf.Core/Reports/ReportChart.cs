namespace CnnPerf.Reports;

/// <summary>A rendered chart.</summary>
/// <param name="FileName">File name of the PNG beside report.md, for example <c>latency-resnet18.png</c>.</param>
/// <param name="Title">Title, also the image's alternative text.</param>
/// <param name="Caption">What the chart shows and how to read it.</param>
/// <param name="Png">The PNG image.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
internal sealed record ReportChart(string FileName, string Title, string Caption, byte[] Png, int Width, int Height);
