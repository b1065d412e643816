using System.CommandLine;
using CnnPerf.Store;

namespace CnnPerf.Cli.Commands;

/// <summary><c>cnnperf export</c>: writes a results store as CSV or JSON, long or wide.</summary>
internal static class ExportCommand
{
    internal static Command Create()
    {
        var store = new Option<string>("--store") { Description = "The results store (SQLite file)", Required = true };
        var format = new Option<ExportFormat?>("--format") { Description = "csv or json (default: csv; json with --json)" };
        var shape = new Option<ExportShape>("--shape") { Description = "long (one row per configuration and metric) or wide (one row per configuration)", DefaultValueFactory = _ => ExportShape.Long };
        var output = new Option<string?>("--out") { Description = "Output file (default: stdout)" };
        var command = new Command("export", "Export a results store as CSV or JSON");
        foreach (var option in new Option[] { store, format, shape, output })
        {
            command.Options.Add(option);
        }
        command.SetWork(parseResult =>
        {
            var path = parseResult.GetValue(store)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"results store '{path}' does not exist");
            }
            var json = parseResult.GetValue(GlobalOptions.Json);
            var chosen = parseResult.GetValue(format) ?? (json ? ExportFormat.Json : ExportFormat.Csv);
            if (json && chosen != ExportFormat.Json)
            {
                throw new UsageException($"--json writes JSON; it cannot be given with --format {chosen.ToString().ToLowerInvariant()}");
            }
            using var results = ResultStore.OpenReadOnly(path);
            if (parseResult.GetValue(output) is { } outPath)
            {
                StoreExporter.WriteFile(results, outPath, chosen, parseResult.GetValue(shape));
                if (json)
                {
                    JsonOutput.Write(new { Export = Path.GetFullPath(outPath) });
                }
                Console.Error.WriteLine($"wrote {Path.GetFullPath(outPath)}");
            }
            else
            {
                StoreExporter.Write(results, Console.Out, chosen, parseResult.GetValue(shape));
            }
            return CliApplication.Success;
        });
        return command;
    }
}
