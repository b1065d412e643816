using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// One channel of a 3x3 depthwise convolution with horizontal stride 1 or 2, straight from the input plane on
/// AVX-512: no padded copy of the plane, no per-row setup. Each block of 16 outputs of a row takes the taps of its
/// three input rows from <see cref="ThreeTaps"/> (padding reads as zero) and ends in a masked store.
/// </summary>
internal static unsafe class DirectDepthwise3x3
{
    /// <summary>
    /// Whether the kernel applies: AVX-512, a 3x3 undilated kernel with horizontal stride 2, or stride 1 with rows
    /// of outputs that fill whole vectors. Other stride-1 rows end in a part-filled vector, and there the
    /// depthwise kernel's own paths are faster (mobilenet_v2's layers, one thread, against the flattened planes,
    /// which have no row ends: 112-wide rows 0.88x from here, 56-wide 1.14x, 28-wide 1.4x, 7-wide 1.7x).
    /// </summary>
    public static bool Applies(ConvolutionGeometry g) =>
        ThreeTaps.Supported
        && g is { KernelHeight: 3, KernelWidth: 3, DilationHeight: 1, DilationWidth: 1 }
        && (g.StrideWidth == 2 || (g.StrideWidth == 1 && g.OutWidth % ThreeTaps.Block == 0));

    /// <summary>
    /// Convolves <paramref name="input"/> (one channel) with the nine <paramref name="weights"/> into
    /// <paramref name="output"/>, adding <paramref name="bias"/> and <paramref name="residual"/> (may be null), clamped to [<paramref name="low"/>, <paramref name="high"/>].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Plane(ConvolutionGeometry g, float* input, float* weights, float bias, float low, float high, float* output, float* residual)
    {
        var w00 = Vector512.Create(weights[0]);
        var w01 = Vector512.Create(weights[1]);
        var w02 = Vector512.Create(weights[2]);
        var w10 = Vector512.Create(weights[3]);
        var w11 = Vector512.Create(weights[4]);
        var w12 = Vector512.Create(weights[5]);
        var w20 = Vector512.Create(weights[6]);
        var w21 = Vector512.Create(weights[7]);
        var w22 = Vector512.Create(weights[8]);
        var b = Vector512.Create(bias);
        var lo = Vector512.Create(low);
        var hi = Vector512.Create(high);
        var split = g.StrideWidth == 2;
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var top = oy * g.StrideHeight - g.PadTop;
            for (var ox = 0; ox < g.OutWidth; ox += ThreeTaps.Block)
            {
                var first = ox * g.StrideWidth - g.PadLeft;
                ThreeTaps.Masks(split, first, g.InWidth, out var mask0, out var mask1, out var mask2);
                var sum = Row(g, input, top, first, split, mask0, mask1, mask2, w00, w01, w02, b);
                sum = Row(g, input, top + 1, first, split, mask0, mask1, mask2, w10, w11, w12, sum);
                sum = Row(g, input, top + 2, first, split, mask0, mask1, mask2, w20, w21, w22, sum);
                var offset = (long)oy * g.OutWidth + ox;
                var store = ThreeTaps.StoreMask(g.OutWidth - ox);
                if (residual != null)
                {
                    sum += Avx512F.MaskLoad(residual + offset, store, Vector512<float>.Zero);
                }
                Avx512F.MaskStore(output + offset, store, VectorMath.Clamp(sum, lo, hi));
            }
        }
    }

    /// <summary>Adds the three taps of input row <paramref name="iy"/> (nothing when it is padding) to <paramref name="sum"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Row(ConvolutionGeometry g, float* input, int iy, int first, bool split, Vector512<float> mask0, Vector512<float> mask1,
        Vector512<float> mask2, Vector512<float> w0, Vector512<float> w1, Vector512<float> w2, Vector512<float> sum)
    {
        if ((uint)iy >= (uint)g.InHeight)
        {
            return sum;
        }
        ThreeTaps.LoadColumns(input + (long)iy * g.InWidth + first, split, mask0, mask1, mask2, Vector512<float>.Zero, out var a, out var b, out var c);
        ThreeTaps.Split(split, a, b, c, out var left, out var middle, out var right);
        sum = Vector512.FusedMultiplyAdd(left, w0, sum);
        sum = Vector512.FusedMultiplyAdd(middle, w1, sum);
        return Vector512.FusedMultiplyAdd(right, w2, sum);
    }
}
