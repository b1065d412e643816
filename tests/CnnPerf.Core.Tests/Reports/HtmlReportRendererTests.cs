using System.Diagnostics;
using System.Text.RegularExpressions;
using CnnPerf.Reports;
using CnnPerf.Tests;

namespace CnnPerf.Core.Tests.Reports;

/// <summary>
/// Opens report.html in headless Chromium and proves every chart image decodes: a script added to a copy of the page
/// writes each image's naturalWidth into the DOM on load, and --dump-dom returns that DOM. A deliberately broken
/// control image shows that the check can fail.
/// </summary>
public sealed class HtmlReportRendererTests
{
    private const string Probe = """
        <img id="broken-control" src="data:image/png;base64,iVBORw0KGgoAAAAAAAAAAAAAAAA=" alt="control">
        <script>
        window.addEventListener("load", () => {
          for (const image of document.images) {
            image.setAttribute("data-natural-width", image.complete ? image.naturalWidth : -1);
          }
          document.body.setAttribute("data-images-checked", document.images.length);
        });
        </script>
        """;

    [Test]
    public void EveryChartImageLoadsInHeadlessChromium()
    {
        var chromium = SetupTool.Require("chromium", "chromium", "chromium-browser");

        var directory = Directory.CreateTempSubdirectory("cnnperf-chromium-").FullName;
        try
        {
            var files = ReportWriter.Write(SampleReport.Data(), Path.Combine(directory, "report"));
            var html = File.ReadAllText(files.HtmlPath);
            var checkPage = Path.Combine(directory, "check.html");
            File.WriteAllText(checkPage, html.Replace("</body>", Probe + "</body>", StringComparison.Ordinal));

            var dom = DumpDom(chromium, checkPage, Path.Combine(directory, "profile"));

            Assert.That(dom, Does.Contain($"data-images-checked=\"{files.ChartPaths.Count + 1}\""), "the probe ran after every image settled");
            var widths = Regex.Matches(dom, "<img [^>]*>").Select(m => m.Value).ToList();
            Assert.That(widths, Has.Count.EqualTo(files.ChartPaths.Count + 1));
            foreach (var image in widths)
            {
                var width = int.Parse(Regex.Match(image, "data-natural-width=\"(-?\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (image.Contains("broken-control", StringComparison.Ordinal))
                {
                    Assert.That(width, Is.Zero, "a PNG that does not decode has no natural width");
                }
                else
                {
                    Assert.That(width, Is.GreaterThanOrEqualTo(900), Regex.Match(image, "alt=\"([^\"]*)\"").Groups[1].Value);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string DumpDom(string chromium, string page, string profile)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", new Uri(page).AbsoluteUri,
            },
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 2 minutes");
        }

        Assert.That(process.ExitCode, Is.Zero, () => "chromium failed: " + error.Result);
        return output.Result;
    }
}
