namespace CnnPerf.Reports;

/// <summary>One block of a report document, rendered to HTML and Markdown alike.</summary>
internal abstract record ReportBlock;

/// <summary>A section heading (level 2 or 3).</summary>
internal sealed record HeadingBlock(int Level, string Text) : ReportBlock;

/// <summary>A paragraph of plain text.</summary>
internal sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A table of text cells; every row has as many cells as the header.</summary>
internal sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>A chart: a PNG image with a title and a caption.</summary>
internal sealed record ChartBlock(ReportChart Chart) : ReportBlock;
