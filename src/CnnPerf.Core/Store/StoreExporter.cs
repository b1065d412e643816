using System.Globalization;
using System.Text.Json;

namespace CnnPerf.Store;

/// <summary>Exports a store's configurations and metrics as CSV or JSON, in long or wide shape, for pandas and spreadsheets.</summary>
public static class StoreExporter
{
    private static readonly string[] ConfigurationColumns = ["run_id", "configuration_id", "model", "backend", "backend_version", "threads", "batch", "status"];

    /// <summary>Writes every configuration of the store (of one run when <paramref name="runId"/> is given).</summary>
    public static void Write(ResultStore store, TextWriter writer, ExportFormat format, ExportShape shape, long? runId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        var configurations = store.Configurations(runId);
        var (columns, rows) = shape == ExportShape.Long ? LongTable(configurations) : WideTable(configurations);
        if (format == ExportFormat.Csv)
        {
            WriteCsv(writer, columns, rows);
        }
        else
        {
            WriteJson(writer, columns, rows);
        }
    }

    /// <summary>Writes an export to a file (creating its folder).</summary>
    public static void WriteFile(ResultStore store, string path, ExportFormat format, ExportShape shape, long? runId = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path);
        Write(store, writer, format, shape, runId);
    }

    private static object?[] Identity(StoredConfiguration c) =>
        [c.RunId, c.Id, c.Model, c.Backend, c.BackendVersion, c.Threads, c.Batch, ResultStore.Name(c.Status)];

    private static (string[] Columns, List<object?[]> Rows) LongTable(IReadOnlyList<StoredConfiguration> configurations)
    {
        string[] columns = [.. ConfigurationColumns, "metric_id", "value", "unit", "provenance", "running_share"];
        var rows = configurations.SelectMany(c => c.Metrics.Select(m =>
            (object?[])[.. Identity(c), m.Id, m.Value, m.Unit, ResultStore.Name(m.Provenance), m.RunningShare])).ToList();
        return (columns, rows);
    }

    private static (string[] Columns, List<object?[]> Rows) WideTable(IReadOnlyList<StoredConfiguration> configurations)
    {
        var metricIds = configurations.SelectMany(c => c.Metrics.Select(m => m.Id)).Distinct().Order(StringComparer.Ordinal).ToArray();
        string[] columns = [.. ConfigurationColumns, "failure_kind", "failure_message", .. metricIds];
        var rows = configurations.Select(c =>
        {
            var values = c.Metrics.ToDictionary(m => m.Id, m => m.Value);
            return (object?[])[.. Identity(c), c.Failure is null ? null : ResultStore.Name(c.Failure.Kind), c.Failure?.Message,
                .. metricIds.Select(id => values.TryGetValue(id, out var v) ? (object?)v : null)];
        }).ToList();
        return (columns, rows);
    }

    private static void WriteCsv(TextWriter writer, string[] columns, List<object?[]> rows)
    {
        writer.WriteLine(string.Join(",", columns.Select(Quote)));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(",", row.Select(v => Quote(CsvText(v)))));
        }
    }

    private static string CsvText(object? value) => value switch
    {
        null => "",
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    private static void WriteJson(TextWriter writer, string[] columns, List<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Length; i++)
                {
                    json.WritePropertyName(columns[i]);
                    switch (row[i])
                    {
                        case null:
                        case double d when !double.IsFinite(d):
                            json.WriteNullValue();
                            break;
                        case double d:
                            json.WriteNumberValue(d);
                            break;
                        case int n:
                            json.WriteNumberValue(n);
                            break;
                        case long n:
                            json.WriteNumberValue(n);
                            break;
                        case var other:
                            json.WriteStringValue(other.ToString());
                            break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.WriteLine();
    }
}
