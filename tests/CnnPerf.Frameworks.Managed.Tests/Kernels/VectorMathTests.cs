using CnnPerf.Frameworks.Managed.Kernels;

namespace CnnPerf.Frameworks.Managed.Tests.Kernels;

public sealed unsafe class VectorMathTests
{
    [TestCase(0)]
    [TestCase(3)]
    [TestCase(8)]
    [TestCase(29)]
    public void DeinterleaveSplitsEvenAndOddColumns(int count)
    {
        var source = Enumerable.Range(0, 2 * count).Select(i => (float)i).ToArray();
        var even = new float[count];
        var odd = new float[count];
        fixed (float* s = source, e = even, o = odd)
        {
            VectorMath.Deinterleave(s, e, o, count);
        }
        Assert.That(even, Is.EqualTo(Enumerable.Range(0, count).Select(i => (float)(2 * i))));
        Assert.That(odd, Is.EqualTo(Enumerable.Range(0, count).Select(i => (float)(2 * i + 1))));
    }
}
