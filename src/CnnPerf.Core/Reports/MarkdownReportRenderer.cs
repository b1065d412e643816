using System.Text;

namespace CnnPerf.Reports;

/// <summary>Renders report blocks to Markdown; charts are links to PNG files in a folder beside it.</summary>
internal static class MarkdownReportRenderer
{
    /// <summary>The whole Markdown document.</summary>
    /// <param name="title">Document title.</param>
    /// <param name="blocks">Content.</param>
    /// <param name="chartFolder">Folder of the chart files, relative to the Markdown file.</param>
    public static string Render(string title, IReadOnlyList<ReportBlock> blocks, string chartFolder)
    {
        var markdown = new StringBuilder().Append("# ").Append(Inline(title)).Append("\n\n");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    markdown.Append(new string('#', heading.Level)).Append(' ').Append(Inline(heading.Text)).Append("\n\n");
                    break;
                case ParagraphBlock paragraph:
                    markdown.Append(Inline(paragraph.Text)).Append("\n\n");
                    break;
                case TableBlock table:
                    markdown.Append(Row(table.Header))
                        .Append('|').Append(string.Concat(table.Header.Select(_ => " --- |"))).Append('\n');
                    foreach (var row in table.Rows)
                    {
                        markdown.Append(Row(row));
                    }

                    markdown.Append('\n');
                    break;
                case ChartBlock { Chart: var chart }:
                    markdown.Append("![").Append(Inline(chart.Title)).Append("](").Append(chartFolder).Append('/').Append(chart.FileName)
                        .Append(")\n\n*").Append(Inline(chart.Caption)).Append("*\n\n");
                    break;
            }
        }

        return markdown.ToString();
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(Cell)) + " |\n";

    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inline(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
        .Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
