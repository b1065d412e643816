using System.Diagnostics;
using CnnPerf.Frameworks.Managed.Kernels;
using CnnPerf.Frameworks.Managed.Kernels.Scalar;
using CnnPerf.Frameworks.Managed.Memory;
using CnnPerf.Frameworks.Managed.Planning;
using CnnPerf.Frameworks.Managed.Threading;

namespace CnnPerf.Frameworks.Managed.Tests.Kernels;

public sealed unsafe class ConvolutionKernelTests
{
    // (in channels, height, width, out channels, kernel h, kernel w, stride h, stride w, dilation, pads t/l/b/r, groups)
    private static readonly ConvolutionGeometry[] Geometries =
    [
        new ConvolutionGeometry(3, 17, 13, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        new ConvolutionGeometry(5, 19, 23, 13, 3, 3, 1, 1, 1, 1, 0, 1, 2, 0, 1),
        new ConvolutionGeometry(4, 20, 21, 6, 3, 3, 2, 2, 1, 1, 1, 1, 0, 0, 1),
        new ConvolutionGeometry(3, 29, 31, 11, 7, 7, 2, 2, 1, 1, 3, 3, 2, 2, 1),
        new ConvolutionGeometry(17, 9, 11, 19, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
        new ConvolutionGeometry(8, 15, 14, 10, 1, 1, 2, 2, 1, 1, 0, 0, 0, 0, 1),
        new ConvolutionGeometry(6, 16, 18, 6, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1),
        new ConvolutionGeometry(6, 12, 10, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 3),
        new ConvolutionGeometry(7, 33, 35, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 7),
        new ConvolutionGeometry(9, 21, 19, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 9),
        new ConvolutionGeometry(5, 11, 40, 5, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2, 5),
        new ConvolutionGeometry(16, 14, 14, 16, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 16),
        new ConvolutionGeometry(12, 16, 16, 12, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, 12),
        new ConvolutionGeometry(10, 7, 7, 10, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 10),
        new ConvolutionGeometry(10, 3, 5, 10, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 10),
        new ConvolutionGeometry(16, 14, 14, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 16),
        new ConvolutionGeometry(8, 5, 1, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 8),
        new ConvolutionGeometry(4, 32, 32, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4),
        new ConvolutionGeometry(6, 30, 57, 6, 3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 6),
        new ConvolutionGeometry(8, 9, 9, 8, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 8),
        new ConvolutionGeometry(4, 20, 112, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 4),
        new ConvolutionGeometry(3, 9, 32, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 3),
        new ConvolutionGeometry(2, 11, 48, 2, 3, 3, 2, 1, 1, 1, 0, 1, 1, 1, 2),
        new ConvolutionGeometry(300, 5, 6, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        new ConvolutionGeometry(300, 6, 7, 20, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
        new ConvolutionGeometry(24, 8, 8, 30, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
        new ConvolutionGeometry(20, 9, 11, 100, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
        new ConvolutionGeometry(33, 2, 3, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        new ConvolutionGeometry(20, 40, 37, 17, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        // rows of outputs that fill the micro-kernel's lanes: im2col reads them from a padded copy of the input
        new ConvolutionGeometry(8, 12, 16, 10, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        new ConvolutionGeometry(5, 20, 30, 7, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1),
        new ConvolutionGeometry(4, 56, 56, 9, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, 1),
        new ConvolutionGeometry(40, 9, 16, 13, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        new ConvolutionGeometry(8, 10, 15, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2),
        new ConvolutionGeometry(6, 14, 16, 8, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1),
        new ConvolutionGeometry(3, 40, 41, 8, 5, 5, 2, 2, 2, 2, 4, 3, 4, 3, 1),
    ];

    private static IEnumerable<int> Cases => Enumerable.Range(0, Geometries.Length);

    [TestCaseSource(nameof(Cases))]
    public void EveryApplicableTechniqueMatchesTheScalarReference(int index)
    {
        var geometry = Geometries[index];
        TestContext.Out.WriteLine(geometry);
        var random = new Random(index);
        var input = RandomArray(random, geometry.InChannels * geometry.InPlane);
        var weights = RandomArray(random, geometry.OutChannels * geometry.ReductionLength);
        var bias = RandomArray(random, geometry.OutChannels);
        var residual = RandomArray(random, geometry.OutChannels * geometry.OutPlane);
        var activation = new Activation(-0.5f, 6f);
        var expected = ScalarConvolution.Run(geometry, input, weights, bias, residual, activation);
        var techniques = Enum.GetValues<ConvolutionTechnique>().Select(t => ConvolutionFactory.Choose(geometry, t)).Distinct().ToList();
        foreach (var wideRows in GemmRowWidths())
        {
            PackedGemm.WideRows = wideRows;
            try
            {
                foreach (var threads in new[] { 1, 2 })
                {
                    foreach (var technique in techniques)
                    {
                        var actual = Run(technique, geometry, input, weights, bias, residual, activation, threads);
                        Assert.That(MaxDifference(actual, expected), Is.LessThan(1e-4), $"{technique} with {threads} threads, 512-bit GEMM rows: {wideRows}");
                    }
                }
            }
            finally
            {
                PackedGemm.WideRows = PackedGemm.WideRowsSupported;
            }
        }
    }

    /// <summary>The GEMM micro-kernel's row widths this machine runs: 512-bit rows only where supported.</summary>
    private static bool[] GemmRowWidths()
    {
        if (!PackedGemm.WideRowsSupported)
        {
            TestContext.Out.WriteLine("512-bit GEMM rows not exercised: this machine has no fast 512-bit vectors");
            return [false];
        }
        return [true, false];
    }

    [Test]
    public void TheGeometriesReadIm2ColBothFromPaddedCopiesAndFromPackedTiles()
    {
        var padded = Geometries.Where(g => g.Groups < g.InChannels && Im2ColConvolution.ReadsPaddedCopy(g)).ToList();
        Assert.That(padded.Count(g => g.StrideWidth == 1), Is.GreaterThanOrEqualTo(3), "stride 1 from a padded copy");
        Assert.That(padded.Count(g => g.StrideWidth == 2), Is.GreaterThanOrEqualTo(2), "stride 2 from a padded copy");
        Assert.That(padded.Any(g => g.ReductionLength > PackedGemm.KC), "a padded copy read over several blocks of K");
        Assert.That(Geometries.Count(g => g.Groups < g.InChannels && !Im2ColConvolution.ReadsPaddedCopy(g)), Is.GreaterThanOrEqualTo(5), "packed tiles");
    }

    [Test]
    public void WinogradFilterTransformOfADeltaIsItsOwnInterpolation()
    {
        var filter = new float[9];
        filter[4] = 1f; // centre tap: U = G e G^T = outer product of G's middle column
        var u = new float[16];
        WinogradConvolution.TransformFilter(filter, u);
        float[] g1 = [0f, 0.5f, -0.5f, 0f];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.That(u[i * 4 + j], Is.EqualTo(g1[i] * g1[j]).Within(1e-7));
            }
        }
    }

    internal static float[] Run(ConvolutionTechnique technique, ConvolutionGeometry geometry, float[] input, float[] weights, float[] bias,
        float[]? residual, Activation activation, int threads)
    {
        using var kernel = ConvolutionFactory.Create(technique, geometry, weights, bias, activation);
        Assert.That(kernel.Technique, Is.EqualTo(technique));
        using var pool = new WorkerPool(threads);
        using var scratch = new WorkerScratch(threads, kernel.ScratchFloats, kernel.SharedScratchFloats);
        var output = new float[geometry.OutChannels * geometry.OutPlane];
        fixed (float* i = input, o = output, r = residual)
        {
            kernel.Run(i, o, r, pool, scratch);
        }
        return output;
    }

    internal static float[] RandomArray(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    internal static double MaxDifference(float[] a, float[] b)
    {
        Assert.That(a, Has.Length.EqualTo(b.Length));
        return a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
    }
}
