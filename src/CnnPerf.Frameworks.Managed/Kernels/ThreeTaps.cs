using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// The three horizontal taps (kernel columns 0, 1 and 2) of a block of <see cref="Block"/> outputs of a window of
/// width 3 with horizontal stride 1 or 2, loaded straight from an input row on AVX-512: lanes whose column lies
/// outside the row come back as a fill value (zero for a convolution, -inf for max pooling) and are not read. With
/// stride 1 the taps are three shifted loads; with stride 2 the 33 columns the windows span are split into the taps
/// by two two-source permutes and a lane shift. The load masks are made once per block of outputs and used for
/// every input row. Plain static methods on vectors: a struct holding the masks would live on the stack.
/// </summary>
internal static unsafe class ThreeTaps
{
    /// <summary>Outputs per block: one 512-bit vector.</summary>
    public const int Block = 16;

    /// <summary>Whether the taps can be loaded here: AVX-512 with fast 512-bit vectors.</summary>
    public static bool Supported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>
    /// The masks of the three loads of the block whose first window starts at <paramref name="firstColumn"/>
    /// (negative in the padding) of rows <paramref name="width"/> wide, for horizontal stride <paramref name="split"/> ? 2 : 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Masks(bool split, int firstColumn, int width, out Vector512<float> first, out Vector512<float> second, out Vector512<float> third)
    {
        var lanes = Lanes;
        var from = Vector512.Create(-firstColumn);
        var to = Vector512.Create(width - firstColumn);
        // stride 1 loads columns +0, +1, +2; stride 2 loads columns +0, +16 and the single column +32
        first = Mask(lanes, from, to);
        second = Mask(lanes + Vector512.Create(split ? Block : 1), from, to);
        third = Mask(lanes + Vector512.Create(split ? 2 * Block : 2), from, to)
            & (split ? Vector512.Create(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).AsSingle() : Vector512<float>.AllBitsSet);
    }

    /// <summary>
    /// Loads the columns the block's windows span from <paramref name="source"/> (the row plus the block's first
    /// column), not yet split into taps (with stride 2: columns +0..+15, +16..+31 and +32 in lane 0). An
    /// element-wise operation on the columns of several rows, such as a maximum, may come before one <see cref="Split"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadColumns(float* source, bool split, Vector512<float> first, Vector512<float> second, Vector512<float> third,
        Vector512<float> fill, out Vector512<float> a, out Vector512<float> b, out Vector512<float> c)
    {
        a = Avx512F.MaskLoad(source, first, fill);
        b = Avx512F.MaskLoad(source + (split ? Block : 1), second, fill);
        c = Avx512F.MaskLoad(source + (split ? 2 * Block : 2), third, fill);
    }

    /// <summary>The three taps from the columns <see cref="LoadColumns"/> loaded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split(bool split, Vector512<float> a, Vector512<float> b, Vector512<float> c, out Vector512<float> left,
        out Vector512<float> middle, out Vector512<float> right)
    {
        if (!split)
        {
            (left, middle, right) = (a, b, c);
            return;
        }
        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        left = Avx512F.PermuteVar16x32x2(a, even, b);
        middle = Avx512F.PermuteVar16x32x2(a, even + Vector512<int>.One, b);
        right = Avx512F.AlignRight32(c.AsInt32(), left.AsInt32(), 1).AsSingle();
    }

    /// <summary>The mask of a block's store: its first <paramref name="outputs"/> lanes (all 16 when there are more).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> StoreMask(int outputs) => Vector512.LessThan(Lanes, Vector512.Create(outputs)).AsSingle();

    /// <summary>0, 1, ... 15.</summary>
    private static Vector512<int> Lanes => Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    /// <summary>Lanes whose column (lane + the block's first) lies in the row: offset lanes in [low, high).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Mask(Vector512<int> lanes, Vector512<int> low, Vector512<int> high) =>
        (Vector512.GreaterThanOrEqual(lanes, low) & Vector512.LessThan(lanes, high)).AsSingle();
}
