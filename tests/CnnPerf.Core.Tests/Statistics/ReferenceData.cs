using System.Globalization;
using System.Text.Json;
using CnnPerf.Analysis;

namespace CnnPerf.Core.Tests.Statistics;

/// <summary>Reads the reference data files (inputs and SciPy/numpy results, see ReferenceData/generate.py).</summary>
internal static class ReferenceData
{
    private static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Statistics", "ReferenceData");

    public static MetricTable Configurations()
    {
        var rows = ReadCsv("configurations.csv");
        return MetricTable.FromRows(rows.Select(row => new MetricRow(
            new ConfigurationKey(row["model"], row["backend"], int.Parse(row["threads"], CultureInfo.InvariantCulture)),
            row.Where(pair => pair.Key is not ("model" or "backend" or "threads"))
                .ToDictionary(pair => pair.Key, pair => Parse(pair.Value)))));
    }

    public static double[] LatencySample() => ReadCsv("latency_sample.csv").Select(row => Parse(row["latency_ms"])).ToArray();

    public static List<Dictionary<string, string>> ReadCsv(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, name));
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(line => line.Length > 0)
            .Select(line => header.Zip(line.Split(',')).ToDictionary(pair => pair.First, pair => pair.Second))
            .ToList();
    }

    public static JsonElement ReadJson(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name))).RootElement;

    public static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Equality within 1e-9 relative (1e-12 absolute when the expected value is 0).</summary>
    public static void AssertClose(double actual, double expected, string what)
    {
        var tolerance = expected == 0 ? 1e-12 : 1e-9 * Math.Abs(expected);
        Assert.That(actual, Is.EqualTo(expected).Within(tolerance), what);
    }
}
