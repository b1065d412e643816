using System.Text.Json;
using CnnPerf.Store;

namespace CnnPerf.Core.Tests.Store;

public class StoreExporterTests
{
    private string _folder = null!;
    private ResultStore _store = null!;

    [SetUp]
    public void CreateStore()
    {
        _folder = Directory.CreateTempSubdirectory("cnnperf-export-").FullName;
        _store = ResultStore.Open(Path.Combine(_folder, "results.db"));
        var run = _store.BeginRun(StoreTestData.Machine);
        _store.Save(run, StoreTestData.Ok("resnet18", "onnxruntime", 2, 12.5));
        _store.Save(run, StoreTestData.Failed("bad,model"));
    }

    [TearDown]
    public void DeleteStore()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Export(ExportFormat format, ExportShape shape)
    {
        var writer = new StringWriter();
        StoreExporter.Write(_store, writer, format, shape);
        return writer.ToString();
    }

    [Test]
    public void Long_csv_has_one_row_per_configuration_and_metric()
    {
        var lines = Export(ExportFormat.Csv, ExportShape.Long).TrimEnd().Split(Environment.NewLine);

        Assert.That(lines[0], Is.EqualTo("run_id,configuration_id,model,backend,backend_version,threads,batch,status,metric_id,value,unit,provenance,running_share"));
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[1], Is.EqualTo("1,1,resnet18,onnxruntime,1.31.1,2,1,ok,latency.p50_ms,12.5,ms,measured,"));
        Assert.That(lines[2], Is.EqualTo("1,1,resnet18,onnxruntime,1.31.1,2,1,ok,latency.stddev_ms,,ms,derived,"), "NaN is an empty cell");
        Assert.That(lines[3], Does.EndWith("sw.task_clock_ms,11.25,ms,measured,0.75"));
    }

    [Test]
    public void Wide_csv_has_one_row_per_configuration_with_quoted_failures()
    {
        var lines = Export(ExportFormat.Csv, ExportShape.Wide).TrimEnd().Split(Environment.NewLine);

        Assert.That(lines[0], Is.EqualTo("run_id,configuration_id,model,backend,backend_version,threads,batch,status,failure_kind,failure_message,latency.p50_ms,latency.stddev_ms,sw.task_clock_ms"));
        Assert.That(lines[1], Is.EqualTo("1,1,resnet18,onnxruntime,1.31.1,2,1,ok,,,12.5,,11.25"));
        Assert.That(lines[2], Is.EqualTo("1,2,\"bad,model\",opencv,,1,1,failed,signal,worker was killed by SIGSEGV (11),,,"));
    }

    [Test]
    public void Json_is_an_array_of_flat_records_with_numbers_and_nulls()
    {
        using var wide = JsonDocument.Parse(Export(ExportFormat.Json, ExportShape.Wide));
        var rows = wide.RootElement.EnumerateArray().ToArray();
        Assert.That(rows, Has.Length.EqualTo(2));
        Assert.That(rows[0].GetProperty("latency.p50_ms").GetDouble(), Is.EqualTo(12.5));
        Assert.That(rows[0].GetProperty("threads").GetInt32(), Is.EqualTo(2));
        Assert.That(rows[0].GetProperty("latency.stddev_ms").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(rows[1].GetProperty("failure_kind").GetString(), Is.EqualTo("signal"));

        using var longForm = JsonDocument.Parse(Export(ExportFormat.Json, ExportShape.Long));
        Assert.That(longForm.RootElement.GetArrayLength(), Is.EqualTo(3));
        Assert.That(longForm.RootElement[2].GetProperty("running_share").GetDouble(), Is.EqualTo(0.75));
    }
}
