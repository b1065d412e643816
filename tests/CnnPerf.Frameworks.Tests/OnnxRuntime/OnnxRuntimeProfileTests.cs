using CnnPerf.Frameworks.OnnxRuntime;

namespace CnnPerf.Frameworks.Tests.OnnxRuntime;

public sealed class OnnxRuntimeProfileTests
{
    // The shape of a trace ONNX Runtime 1.31 writes: two model runs, two nodes each, plus events that are no node timings.
    private const string Trace = """
        [
        {"cat" : "Session","pid" :1,"tid" :1,"dur" :900,"ts" :10,"ph" : "X","name" :"model_loading_uri","args" : {}},
        {"cat" : "Node","pid" :1,"tid" :1,"dur" :0,"ts" :1000,"ph" : "X","name" :"conv1_fence_before","args" : {"op_name" : "Conv"}},
        {"cat" : "Node","pid" :1,"tid" :1,"dur" :300,"ts" :1001,"ph" : "X","name" :"conv1_kernel_time","args" : {"op_name" : "Conv","provider" : "CPUExecutionProvider"}},
        {"cat" : "Node","pid" :1,"tid" :1,"dur" :100,"ts" :1302,"ph" : "X","name" :"fc1_kernel_time","args" : {"op_name" : "Gemm"}},
        {"cat" : "Session","pid" :1,"tid" :1,"dur" :500,"ts" :999,"ph" : "X","name" :"model_run","args" : {}},
        {"cat" : "Node","pid" :1,"tid" :1,"dur" :40,"ts" :2001,"ph" : "X","name" :"conv1_kernel_time","args" : {"op_name" : "Conv"}},
        {"cat" : "Node","pid" :1,"tid" :1,"dur" :10,"ts" :2042,"ph" : "X","name" :"fc1_kernel_time","args" : {"op_name" : "Gemm"}},
        {"cat" : "Session","pid" :1,"tid" :1,"dur" :60,"ts" :2000,"ph" : "X","name" :"model_run","args" : {}},
        {"cat" : "Node","pid" :1,"tid" :1,"dur" :60,"ts" :3001,"ph" : "X","name" :"conv1_kernel_time","args" : {"op_name" : "Conv"}},
        {"cat" : "Node","pid" :1,"tid" :1,"dur" :30,"ts" :3062,"ph" : "X","name" :"fc1_kernel_time","args" : {"op_name" : "Gemm"}},
        {"cat" : "Session","pid" :1,"tid" :1,"dur" :100,"ts" :3000,"ph" : "X","name" :"model_run","args" : {}}
        ]
        """;

    [Test]
    public void MeanNodeTimes_AveragesTheRunsAfterTheWarmup()
    {
        var layers = OnnxRuntimeProfile.MeanNodeTimes(Trace, warmupRuns: 1);

        Assert.That(layers.Select(l => (l.NodeName, l.OpType)), Is.EqualTo(new[] { ("conv1", "Conv"), ("fc1", "Gemm") }));
        Assert.That(layers[0].MeanMilliseconds, Is.EqualTo(0.050).Within(1e-12));
        Assert.That(layers[1].MeanMilliseconds, Is.EqualTo(0.020).Within(1e-12));
    }

    [Test]
    public void MeanNodeTimes_WithoutWarmup_CountsEveryRun()
    {
        var layers = OnnxRuntimeProfile.MeanNodeTimes(Trace, warmupRuns: 0);

        Assert.That(layers[0].MeanMilliseconds, Is.EqualTo(0.400 / 3).Within(1e-12));
    }

    [Test]
    public void MeanNodeTimes_TooFewRunsOrNotATrace_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => OnnxRuntimeProfile.MeanNodeTimes(Trace, warmupRuns: 3));
        Assert.Throws<FormatException>(() => OnnxRuntimeProfile.MeanNodeTimes("{\"not\": \"an array\"}", warmupRuns: 0));
        Assert.Throws<FormatException>(() => OnnxRuntimeProfile.MeanNodeTimes("[{\"cat\":", warmupRuns: 0));
    }
}
