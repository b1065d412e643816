using CnnPerf.Backends;

namespace CnnPerf.Frameworks.Tests.TestModels;

/// <summary>The same no-copy check for every backend: repeated runs allocate (almost) nothing per run.</summary>
internal static class RunAllocationCheck
{
    /// <summary>Runs a 64x64 Neg graph ten times and asserts that a run allocates less than 2 KiB of managed memory.</summary>
    public static void AssertRunsAllocateNoTensorData(IInferenceBackend backend, string directory)
    {
        // 2 x 64 x 64 floats = 32 KiB in and out: a run that copied or allocated tensors would show it.
        var model = TinyOnnxModels.WithOperator(directory, "Neg", "neg0", size: 64);
        using var session = backend.Load(model, BackendOptions.Default);
        var input = Tensor.Random(session.InputShape, 1);
        var output = new Tensor(session.OutputShape);
        session.Run(input, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            session.Run(input, output);
        }
        var perRun = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;

        Assert.That(perRun, Is.LessThan(2048));
        Assert.That(output.Data[5], Is.EqualTo(-Math.Max(input.Data[5], 0f)));
    }
}
