using System.Net;
using System.Text;

namespace CnnPerf.Reports;

/// <summary>Renders report blocks to one self-contained HTML file: inline CSS, charts as base64 PNG data URIs.</summary>
internal static class HtmlReportRenderer
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
        h1 { border-bottom: 2px solid #446; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; }
        th { background: #eef; } tr:nth-child(even) td { background: #f8f8fb; }
        figure { margin: 1.5em 0; } figcaption { font-size: 0.85em; color: #555; max-width: 900px; }
        img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        """;

    /// <summary>The whole HTML document.</summary>
    public static string Render(string title, IReadOnlyList<ReportBlock> blocks)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<h1>")
            .Append(Encode(title)).Append("</h1>\n");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    html.Append($"<h{heading.Level}>").Append(Encode(heading.Text)).Append($"</h{heading.Level}>\n");
                    break;
                case ParagraphBlock paragraph:
                    html.Append("<p>").Append(Encode(paragraph.Text)).Append("</p>\n");
                    break;
                case TableBlock table:
                    html.Append("<table>\n<tr>");
                    foreach (var cell in table.Header)
                    {
                        html.Append("<th>").Append(Encode(cell)).Append("</th>");
                    }

                    html.Append("</tr>\n");
                    foreach (var row in table.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var cell in row)
                        {
                            html.Append("<td>").Append(Encode(cell)).Append("</td>");
                        }

                        html.Append("</tr>\n");
                    }

                    html.Append("</table>\n");
                    break;
                case ChartBlock { Chart: var chart }:
                    html.Append("<figure>\n<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(chart.Png))
                        .Append($"\" width=\"{chart.Width}\" height=\"{chart.Height}\" alt=\"").Append(Encode(chart.Title))
                        .Append("\">\n<figcaption>").Append(Encode(chart.Caption)).Append("</figcaption>\n</figure>\n");
                    break;
            }
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
