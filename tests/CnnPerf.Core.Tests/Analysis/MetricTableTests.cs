using CnnPerf.Analysis;

namespace CnnPerf.Core.Tests.Analysis;

public sealed class MetricTableTests
{
    [Test]
    public void RowsWithDifferentMetricsBecomeNaNWhereMissing()
    {
        var table = MetricTable.FromRows(
        [
            new MetricRow(new ConfigurationKey("resnet18", "onnxruntime", 1), new Dictionary<string, double> { ["a"] = 1, ["b"] = 2 }),
            new MetricRow(new ConfigurationKey("resnet18", "opencv", 1), new Dictionary<string, double> { ["b"] = 3, ["c"] = 4 }),
        ]);
        Assert.That(table.Columns, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(table.Column("a"), Is.EqualTo(new[] { 1, double.NaN }));
        Assert.That(table.Where(k => k.Backend == "opencv").Column("c"), Is.EqualTo(new[] { 4.0 }));
        Assert.That(table.Keys[1].ToString(), Is.EqualTo("resnet18/opencv/1t"));
    }

    [Test]
    public void UnknownColumnAndWrongLengthAreClearErrors()
    {
        var keys = new[] { new ConfigurationKey("m", "b", 1) };
        Assert.That(() => new MetricTable(keys, new Dictionary<string, double[]> { ["x"] = [1, 2] }),
            Throws.ArgumentException.With.Message.Contains("Column 'x' has 2 values but the table has 1 rows"));
        var table = new MetricTable(keys, new Dictionary<string, double[]> { ["x"] = [1] });
        Assert.That(() => table.Column("y"), Throws.ArgumentException.With.Message.Contains("no column 'y'"));
    }
}
