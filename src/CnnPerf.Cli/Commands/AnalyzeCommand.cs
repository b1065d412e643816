using System.CommandLine;
using System.Globalization;
using CnnPerf.Modeling;
using CnnPerf.Models;
using CnnPerf.Reports;
using CnnPerf.Store;
using CnnPerf.Studies;

namespace CnnPerf.Cli.Commands;

/// <summary>
/// <c>cnnperf analyze</c>: correlations, empirical models and the report (report.html, report.md) of a results store,
/// over the configurations its wide export lists.
/// </summary>
internal static class AnalyzeCommand
{
    internal static Command Create()
    {
        var store = new Option<string>("--store") { Description = "The results store (SQLite file)", Required = true };
        var output = new Option<string?>("--out") { Description = "Folder of report.html and report.md (default: the store's folder)" };
        var command = new Command("analyze", "Correlate, model and report the results in a store");
        command.Options.Add(store);
        command.Options.Add(output);
        command.SetWork(parseResult =>
        {
            var study = Load(parseResult.GetValue(store)!);
            var folder = Path.GetFullPath(parseResult.GetValue(output) ?? Path.GetDirectoryName(study.StorePath)!);
            var (files, analysis) = StudyReport.Write(study, folder);
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(new
                {
                    Configurations = analysis.Correlations.Configurations,
                    Correlations = analysis.Correlations.Correlations.Select(c => new
                    {
                        c.Target, c.Metric, c.N, PearsonR = c.Pearson.R, c.Pearson.PValue, CiLow = c.Pearson.Interval.Low, CiHigh = c.Pearson.Interval.High,
                        SpearmanRho = c.Spearman.Rho, SpearmanPValue = c.Spearman.PValue,
                    }),
                    Report = new { Html = files.HtmlPath, Markdown = files.MarkdownPath },
                });
            }
            else
            {
                PrintSummary(analysis, files);
            }
            return CliApplication.Success;
        });
        return command;
    }

    /// <summary>Reads a study from an existing store file.</summary>
    /// <exception cref="UsageException">The file does not exist.</exception>
    internal static StoredStudy Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"results store '{path}' does not exist ('cnnperf study' writes one)");
        }
        using var results = ResultStore.OpenReadOnly(path);
        return StoredStudy.Load(results, new ModelZoo());
    }

    /// <summary>Prints what the analysis found in a few lines, and where the report is.</summary>
    internal static void PrintSummary(StudyAnalysisResult analysis, ReportFiles files)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"Analysed {analysis.Correlations.Configurations} configurations: {analysis.Correlations.Correlations.Count} correlations.");
        foreach (var v in analysis.LayerwiseValidations)
        {
            if (v.Errors.N == 0)
            {
                Console.WriteLine($"Layer-wise latency model, {v.Backend} at {v.Threads} thread(s): not validated, it needs layer timings of at least 2 networks");
                continue;
            }

            Console.WriteLine(string.Create(c, $"Layer-wise latency model, {v.Backend} at {v.Threads} thread(s), leave-one-network-out over {v.Errors.N} networks: ") +
                string.Create(c, $"MAPE {v.Errors.MeanAbsolutePercentageError:F1}%, {v.Errors.WithinTenPercent * 100:F0}% within +/-10%"));
        }
        Console.WriteLine($"Report: {files.HtmlPath}");
        Console.WriteLine($"        {files.MarkdownPath}");
    }
}
