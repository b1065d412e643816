using CnnPerf.Frameworks.Managed.Layers;
using CnnPerf.Frameworks.Managed.Memory;
using CnnPerf.Frameworks.Managed.Threading;

namespace CnnPerf.Frameworks.Managed.Tests.Layers;

public sealed unsafe class ConcatLayerTests
{
    [TestCase(1)]
    [TestCase(2)]
    public void ChunksLongerThanOnePieceAndSeveralOuterIndicesLandInOrder(int threads)
    {
        int[] sizes = [5, 40000, 16384];
        const int outer = 3;
        var inputs = sizes.Select((size, i) => Enumerable.Range(0, outer * size).Select(v => (float)(i * 1_000_000 + v)).ToArray()).ToArray();
        var expected = Enumerable.Range(0, outer).SelectMany(o => inputs.Select((input, i) => input.Skip(o * sizes[i]).Take(sizes[i])).SelectMany(chunk => chunk)).ToArray();
        using var pool = new WorkerPool(threads);
        using var scratch = new WorkerScratch(threads, 1);
        var buffers = inputs.Select(input => NativeBuffer.From(input)).Append(new NativeBuffer(expected.Length)).ToArray();
        try
        {
            var context = new Managed.Layers.ExecutionContext(4, pool, scratch);
            for (var i = 0; i < buffers.Length; i++)
            {
                context[i] = buffers[i].Pointer;
            }
            new ConcatLayer("concat", [0, 1, 2], sizes, outer, 3).Execute(context);
            Assert.That(new ReadOnlySpan<float>(buffers[3].Pointer, expected.Length).ToArray(), Is.EqualTo(expected));
        }
        finally
        {
            foreach (var buffer in buffers)
            {
                buffer.Dispose();
            }
        }
    }
}
