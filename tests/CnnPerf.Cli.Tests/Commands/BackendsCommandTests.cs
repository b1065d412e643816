using System.Text.Json;

namespace CnnPerf.Cli.Tests.Commands;

public sealed class BackendsCommandTests
{
    [Test]
    public void Json_ListsEveryCatalogueBackendWithVersionOrReason()
    {
        var (exitCode, output, _) = CliRun.Invoke("backends", "--json");

        Assert.That(exitCode, Is.EqualTo(0));
        var backends = JsonDocument.Parse(output).RootElement.GetProperty("backends").EnumerateArray().ToList();
        Assert.That(backends.Select(b => b.GetProperty("name").GetString()), Is.EqualTo(BackendCatalog.All().Select(b => b.Name)));
        var onnxRuntime = backends.Single(b => b.GetProperty("name").GetString() == "onnxruntime");
        Assert.That(onnxRuntime.GetProperty("available").GetBoolean(), Is.True);
        Assert.That(onnxRuntime.GetProperty("version").GetString(), Is.EqualTo("1.31.1"));
        foreach (var backend in backends.Where(b => !b.GetProperty("available").GetBoolean()))
        {
            Assert.That(backend.GetProperty("reason").GetString(), Is.Not.Empty);
        }
    }

    [Test]
    public void Text_PrintsOneLinePerBackend()
    {
        var (exitCode, output, _) = CliRun.Invoke("backends");

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(BackendCatalog.All().Count));
        Assert.That(output, Does.Contain("onnxruntime  available  1.31.1"));
    }
}
