using CnnPerf.Onnx;
using CnnPerf.Frameworks.Managed.Kernels;

namespace CnnPerf.Frameworks.Managed.Tests.Kernels;

public sealed unsafe class PoolingTests
{
    [TestCase(17, 23, 3, 3, 2, 2, 1, 1, 1, 1, true)]
    [TestCase(17, 23, 3, 3, 2, 2, 0, 0, 0, 0, true)]
    [TestCase(9, 40, 2, 3, 1, 2, 1, 0, 0, 1, false)]
    [TestCase(5, 5, 5, 5, 1, 1, 0, 0, 0, 0, false)]
    [TestCase(8, 113, 3, 3, 2, 2, 1, 1, 1, 1, false)]
    [TestCase(4, 2, 3, 3, 1, 1, 1, 1, 1, 1, false)]
    [TestCase(111, 111, 3, 3, 2, 2, 0, 0, 0, 0, true)]
    [TestCase(27, 27, 3, 3, 2, 2, 0, 0, 0, 0, true)]
    [TestCase(16, 38, 2, 2, 2, 2, 0, 0, 0, 0, false)]
    [TestCase(20, 50, 5, 4, 3, 3, 2, 2, 2, 2, true)]
    [TestCase(12, 35, 3, 3, 1, 1, 1, 1, 1, 1, false)]
    public void MaxPoolingMatchesTheScalarReference(int height, int width, int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr, bool ceil)
    {
        var outHeight = (int)SpatialWindow.OutputSize(height, kh, sh, pt, pb, 1, ceil);
        var outWidth = (int)SpatialWindow.OutputSize(width, kw, sw, pl, pr, 1, ceil);
        var geometry = new PoolingGeometry(1, height, width, outHeight, outWidth, kh, kw, sh, sw, pt, pl, pb, pr, IsMax: true, CountIncludePad: false);
        var input = ConvolutionKernelTests.RandomArray(new Random(height * width), height * width);
        var fast = new float[outHeight * outWidth];
        var reference = new float[outHeight * outWidth];
        fixed (float* i = input, f = fast, r = reference)
        {
            Pooling.Plane(geometry, i, f);
            Pooling.Reference(geometry, i, r);
        }
        Assert.That(fast, Is.EqualTo(reference));
    }
}
