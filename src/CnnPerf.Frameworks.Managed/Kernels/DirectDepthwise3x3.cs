using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// One channel of a 3x3 depthwise convolution with horizontal stride 1 or 2, straight from the input plane on
/// AVX-512: no padded copy of the plane, no per-row setup. Each block of 16 outputs of a row loads the input
/// columns its windows span with masks (lanes outside the image read as zero and touch nothing); with stride 1 the
/// three taps are three shifted loads, with stride 2 the 33 columns are split into the taps by two two-source
/// permutes and a lane shift. Rows of outputs that are not a multiple of 16 end in a masked store.
/// </summary>
internal static unsafe class DirectDepthwise3x3
{
    /// <summary>Outputs per block: one 512-bit vector.</summary>
    private const int Block = 16;

    /// <summary>
    /// Whether the kernel applies: AVX-512, a 3x3 undilated kernel with horizontal stride 2, or stride 1 with rows
    /// of outputs that fill whole vectors. Other stride-1 rows end in a part-filled vector, and there the
    /// depthwise kernel's flattened planes, which have no row ends, are faster (mobilenet_v2, one thread: 112-wide
    /// rows 0.88x from here, 56-wide 1.14x, 28-wide 1.4x, 7-wide 1.7x).
    /// </summary>
    public static bool Applies(ConvolutionGeometry g) =>
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated
        && g is { KernelHeight: 3, KernelWidth: 3, DilationHeight: 1, DilationWidth: 1 }
        && (g.StrideWidth == 2 || (g.StrideWidth == 1 && g.OutWidth % Block == 0));

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
        var lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var even = lanes * 2;
        var odd = even + Vector512<int>.One;
        var split = g.StrideWidth == 2;
        // stride 1 loads the taps at columns +0, +1, +2; stride 2 loads columns +0, +16 and the one column +32
        var second = lanes + Vector512.Create(split ? Block : 1);
        var third = lanes + Vector512.Create(split ? 2 * Block : 2);
        var thirdLanes = split ? Vector512.Create(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).AsSingle() : Vector512<float>.AllBitsSet;
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var top = oy * g.StrideHeight - g.PadTop;
            for (var ox = 0; ox < g.OutWidth; ox += Block)
            {
                var first = ox * g.StrideWidth - g.PadLeft;
                var from = Vector512.Create(-first);
                var to = Vector512.Create(g.InWidth - first);
                var taps = new TapMasks(Mask(lanes, from, to), Mask(second, from, to), Mask(third, from, to) & thirdLanes);
                var sum = Row(g, input, top, first, split, taps, even, odd, w00, w01, w02, b);
                sum = Row(g, input, top + 1, first, split, taps, even, odd, w10, w11, w12, sum);
                sum = Row(g, input, top + 2, first, split, taps, even, odd, w20, w21, w22, sum);
                var offset = (long)oy * g.OutWidth + ox;
                var store = Vector512.LessThan(lanes, Vector512.Create(g.OutWidth - ox)).AsSingle();
                if (residual != null)
                {
                    sum += Avx512F.MaskLoad(residual + offset, store, Vector512<float>.Zero);
                }
                Avx512F.MaskStore(output + offset, store, Vector512.MinNative(hi, Vector512.MaxNative(lo, sum)));
            }
        }
    }

    /// <summary>Adds the three taps of input row <paramref name="iy"/> (nothing when it is padding) to <paramref name="sum"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Row(ConvolutionGeometry g, float* input, int iy, int first, bool split, in TapMasks masks, Vector512<int> even,
        Vector512<int> odd, Vector512<float> w0, Vector512<float> w1, Vector512<float> w2, Vector512<float> sum)
    {
        if ((uint)iy >= (uint)g.InHeight)
        {
            return sum;
        }
        var source = input + (long)iy * g.InWidth + first;
        Vector512<float> left, middle, right;
        if (split)
        {
            var a = Avx512F.MaskLoad(source, masks.First, Vector512<float>.Zero);
            var b = Avx512F.MaskLoad(source + Block, masks.Second, Vector512<float>.Zero);
            var c = Avx512F.MaskLoad(source + 2 * Block, masks.Third, Vector512<float>.Zero);
            left = Avx512F.PermuteVar16x32x2(a, even, b);
            middle = Avx512F.PermuteVar16x32x2(a, odd, b);
            right = Avx512F.AlignRight32(c.AsInt32(), left.AsInt32(), 1).AsSingle();
        }
        else
        {
            left = Avx512F.MaskLoad(source, masks.First, Vector512<float>.Zero);
            middle = Avx512F.MaskLoad(source + 1, masks.Second, Vector512<float>.Zero);
            right = Avx512F.MaskLoad(source + 2, masks.Third, Vector512<float>.Zero);
        }
        sum = Vector512.FusedMultiplyAdd(left, w0, sum);
        sum = Vector512.FusedMultiplyAdd(middle, w1, sum);
        return Vector512.FusedMultiplyAdd(right, w2, sum);
    }

    /// <summary>Lanes whose column (lane + the block's first) lies in [0, width): offset lanes in [low, high).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Mask(Vector512<int> lanes, Vector512<int> low, Vector512<int> high) =>
        (Vector512.GreaterThanOrEqual(lanes, low) & Vector512.LessThan(lanes, high)).AsSingle();

    /// <summary>The load masks of one block's three loads per input row.</summary>
    private readonly record struct TapMasks(Vector512<float> First, Vector512<float> Second, Vector512<float> Third);
}
