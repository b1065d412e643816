using CnnPerf.Backends;
using CnnPerf.Frameworks.OpenCv;
using CnnPerf.Frameworks.Tests.TestModels;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.Tests.OpenCv;

public sealed class OpenCvNativeProbeTests
{
    [Test]
    public void WithoutGtk_IsUnavailableWithTheAptHint_AndNeverLoadsOpenCv()
    {
        var externTried = false;
        var probe = new OpenCvNativeProbe(name => name != OpenCvNativeProbe.GtkLibrary, () => { externTried = true; return null; });

        var availability = probe.Probe();

        Assert.That(availability.IsAvailable, Is.False);
        Assert.That(availability.Reason, Is.EqualTo("libgtk-3.so.0 is missing (OpenCV's native library needs it): apt-get install libgtk-3-0"));
        Assert.That(externTried, Is.False);
    }

    [Test]
    public void WhenTheWrapperFailsToLoad_ReportsTheLoadersMessage()
    {
        var probe = new OpenCvNativeProbe(_ => true, () => "libfoo.so.1: cannot open shared object file");

        Assert.That(probe.Probe().Reason, Is.EqualTo("OpenCV's native library does not load: libfoo.so.1: cannot open shared object file"));
    }

    [Test]
    public void UnavailableBackend_ValidatesLoadsAndVersionsWithoutCrashing()
    {
        var backend = new OpenCvBackend(new OpenCvNativeProbe(_ => false, () => null));
        using var directory = new TemporaryDirectory();
        var model = TinyOnnxModels.ConvNet(directory.Path);

        Assert.That(backend.Version, Is.Null);
        Assert.That(backend.Validate(model, BackendOptions.Default), Has.Some.Contains("apt-get install libgtk-3-0"));
        var e = Assert.Throws<InferenceException>(() => backend.Load(model, BackendOptions.Default));
        Assert.That(e!.Message, Does.StartWith("opencv: model 'tiny_convnet': backend unavailable: libgtk-3.so.0 is missing"));
    }

    [Test]
    public void OnThisMachine_TheRealProbeMatchesWhetherGtkIsInstalled()
    {
        var gtkInstalled = System.Runtime.InteropServices.NativeLibrary.TryLoad(OpenCvNativeProbe.GtkLibrary, out _);

        Assert.That(OpenCvNativeProbe.System.Probe().IsAvailable, Is.EqualTo(gtkInstalled));
    }
}
