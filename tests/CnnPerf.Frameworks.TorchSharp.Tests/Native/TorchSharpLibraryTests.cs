using CnnPerf.Frameworks.TorchSharp.Native;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Native;

internal sealed class TorchSharpLibraryTests
{
    [Test]
    public void TryLoad_returns_the_loader_message_for_a_library_that_cannot_load()
    {
        Assume.That(OperatingSystem.IsLinux(), "dlopen is Linux");
        var path = Path.Combine(Path.GetTempPath(), $"cnnperf-not-a-library-{Environment.ProcessId}.so");
        File.WriteAllText(path, "not an ELF file");
        try
        {
            Assert.That(TorchSharpLibrary.TryLoad(path), Does.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void The_build_output_makes_torchsharp_available()
    {
        Assert.That(TorchSharpLibrary.Availability.Reason, Is.Null);
        Assert.That(TorchSharpLibrary.Availability.IsAvailable);
    }
}
