using System.Numerics;
using CnnPerf.Frameworks.Managed.Kernels;

namespace CnnPerf.Frameworks.Managed.Tests.Kernels;

public sealed unsafe class VectorMathTests
{
    [Test]
    public void ClampBoundsEveryLaneAndKeepsNaN()
    {
        var values = Enumerable.Range(0, Vector<float>.Count).Select(i => i % 4 switch { 0 => -3f, 1 => 2.5f, 2 => 9f, _ => float.NaN }).ToArray();
        var clamped = VectorMath.Clamp(new Vector<float>(values), new Vector<float>(0f), new Vector<float>(6f));
        for (var i = 0; i < values.Length; i++)
        {
            Assert.That(clamped[i], Is.EqualTo(i % 4 switch { 0 => 0f, 1 => 2.5f, 2 => 6f, _ => float.NaN }), $"lane {i}");
        }
    }

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
