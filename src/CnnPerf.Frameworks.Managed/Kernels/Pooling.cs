using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Max and average pooling of one channel plane; windows are clipped to the image (padding never wins a max). 3x3
/// max pooling with stride 2 reads the input directly on AVX-512; other max pooling goes through row buffers. The
/// vectorised max uses the CPU's own maximum (one instruction on x86-64, where the IEEE one takes three), so a
/// NaN inside a window may be lost there.
/// </summary>
internal static unsafe class Pooling
{
    private const int MaxRowOnStack = 2048;

    /// <summary>Pools plane <paramref name="input"/> into <paramref name="output"/>.</summary>
    public static void Plane(PoolingGeometry g, float* input, float* output)
    {
        if (ThreeTaps.Supported && g is { IsMax: true, KernelHeight: 3, KernelWidth: 3, StrideWidth: 2 })
        {
            MaxPlane3x3(g, input, output);
            return;
        }
        if (g.IsMax && g.InWidth <= MaxRowOnStack)
        {
            MaxPlane(g, input, output);
            return;
        }
        Reference(g, input, output);
    }

    /// <summary>
    /// Max pooling in two passes per output row: the vertical maximum of the window's input rows, in one pass over
    /// whole vectors into a row bordered with -inf (so clipped windows need no care), then the horizontal maximum of
    /// each window on that row: vectorised for stride 1, and for stride 2 after splitting the row into its even and
    /// odd columns so that each tap reads consecutive floats. Rows are computed in whole vectors: the lanes past a
    /// row's end read the next input row (their maxima are reset to -inf) and write into the next output row, which
    /// is computed afterwards; only where that would leave the plane does a row go through a buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPlane(PoolingGeometry g, float* input, float* output)
    {
        var w = Vector<float>.Count;
        var outputs = g.StrideWidth <= 2 ? (g.OutWidth + w - 1) / w * w : g.OutWidth;
        var inputs = (g.InWidth + w - 1) / w * w;
        var length = Math.Max(g.PadLeft + inputs, (outputs - 1) * g.StrideWidth + g.KernelWidth) + 2 * w;
        var half = length / 2;
        var buffer = stackalloc float[length + 2 * half + outputs];
        var column = buffer;
        var even = buffer + length;
        var odd = even + half;
        var lastRow = odd + half;
        new Span<float>(column, length).Fill(float.NegativeInfinity);
        var interior = column + g.PadLeft;
        var inPlane = (long)g.InHeight * g.InWidth;
        var outPlane = (long)g.OutHeight * g.OutWidth;
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var y0 = Math.Max(oy * g.StrideHeight - g.PadTop, 0);
            var y1 = Math.Min(oy * g.StrideHeight - g.PadTop + g.KernelHeight, g.InHeight);
            var width = (long)(y1 - 1) * g.InWidth + inputs <= inPlane ? inputs : g.InWidth - g.InWidth % w;
            VerticalMax(input + (long)y0 * g.InWidth, g.InWidth, y1 - y0, width, interior);
            for (var x = width; x < g.InWidth; x++)
            {
                var m = input[(long)y0 * g.InWidth + x];
                for (var y = y0 + 1; y < y1; y++)
                {
                    m = Math.Max(m, input[(long)y * g.InWidth + x]);
                }
                interior[x] = m;
            }
            Vector.Store(new Vector<float>(float.NegativeInfinity), interior + g.InWidth);
            var target = output + (long)oy * g.OutWidth;
            var inPlace = (long)oy * g.OutWidth + outputs <= outPlane;
            HorizontalMax(g, column, even, odd, half, inPlace ? target : lastRow, outputs);
            if (!inPlace)
            {
                new ReadOnlySpan<float>(lastRow, g.OutWidth).CopyTo(new Span<float>(target, g.OutWidth));
            }
        }
    }

    /// <summary>
    /// 3x3 max pooling with horizontal stride 2 on AVX-512, straight from the input plane: each block of 16 outputs
    /// of a row takes the maximum of the columns of its (up to) three input rows (<see cref="ThreeTaps"/>, columns
    /// outside the image reading as -inf), splits it into the three taps once and ends in a masked store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPlane3x3(PoolingGeometry g, float* input, float* output)
    {
        var none = Vector512.Create(float.NegativeInfinity);
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var y0 = Math.Max(oy * g.StrideHeight - g.PadTop, 0);
            var y1 = Math.Min(oy * g.StrideHeight - g.PadTop + g.KernelHeight, g.InHeight);
            for (var ox = 0; ox < g.OutWidth; ox += ThreeTaps.Block)
            {
                var first = ox * g.StrideWidth - g.PadLeft;
                ThreeTaps.Masks(split: true, first, g.InWidth, out var mask0, out var mask1, out var mask2);
                // the vertical maximum of the columns first, then one split into taps
                Vector512<float> a = none, b = none, c = none;
                for (var y = y0; y < y1; y++)
                {
                    ThreeTaps.LoadColumns(input + (long)y * g.InWidth + first, split: true, mask0, mask1, mask2, none, out var rowA, out var rowB, out var rowC);
                    a = Vector512.MaxNative(a, rowA);
                    b = Vector512.MaxNative(b, rowB);
                    c = Vector512.MaxNative(c, rowC);
                }
                ThreeTaps.Split(split: true, a, b, c, out var left, out var middle, out var right);
                var m = Vector512.MaxNative(left, Vector512.MaxNative(middle, right));
                Avx512F.MaskStore(output + (long)oy * g.OutWidth + ox, ThreeTaps.StoreMask(g.OutWidth - ox), m);
            }
        }
    }

    /// <summary>The maximum over <paramref name="rows"/> input rows of the first <paramref name="width"/> columns (whole vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VerticalMax(float* top, int rowLength, int rows, int width, float* target)
    {
        for (var x = 0; x < width; x += Vector<float>.Count)
        {
            var source = top + x;
            var m = Vector.Load(source);
            for (var y = 1; y < rows; y++)
            {
                m = Vector.MaxNative(m, Vector.Load(source + (long)y * rowLength));
            }
            Vector.Store(m, target + x);
        }
    }

    /// <summary>The maximum of each of the first <paramref name="outputs"/> windows of one bordered row of vertical maxima.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalMax(PoolingGeometry g, float* column, float* even, float* odd, int half, float* output, int outputs)
    {
        var w = Vector<float>.Count;
        var ox = 0;
        if (g.StrideWidth <= 2)
        {
            if (g.StrideWidth == 2)
            {
                VectorMath.Deinterleave(column, even, odd, half);
            }
            for (; ox < outputs; ox += w)
            {
                var m = Vector.Load(g.StrideWidth == 1 ? column + ox : even + ox);
                for (var k = 1; k < g.KernelWidth; k++)
                {
                    var tap = g.StrideWidth == 1 ? column + ox + k : (k % 2 == 0 ? even : odd) + ox + k / 2;
                    m = Vector.MaxNative(m, Vector.Load(tap));
                }
                Vector.Store(m, output + ox);
            }
            return;
        }
        for (; ox < outputs; ox++)
        {
            var window = column + ox * g.StrideWidth;
            var m = window[0];
            for (var k = 1; k < g.KernelWidth; k++)
            {
                m = MathF.Max(m, window[k]);
            }
            output[ox] = m;
        }
    }

    /// <summary>The scalar reference: every window visited element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Reference(PoolingGeometry g, float* input, float* output)
    {
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var y0 = oy * g.StrideHeight - g.PadTop;
            var y1 = Math.Min(y0 + g.KernelHeight, g.InHeight);
            var paddedRows = Math.Min(y0 + g.KernelHeight, g.InHeight + g.PadBottom) - y0;
            y0 = Math.Max(y0, 0);
            for (var ox = 0; ox < g.OutWidth; ox++)
            {
                var x0 = ox * g.StrideWidth - g.PadLeft;
                var x1 = Math.Min(x0 + g.KernelWidth, g.InWidth);
                var paddedColumns = Math.Min(x0 + g.KernelWidth, g.InWidth + g.PadRight) - x0;
                x0 = Math.Max(x0, 0);
                float result;
                if (g.IsMax)
                {
                    result = float.NegativeInfinity;
                    for (var y = y0; y < y1; y++)
                    {
                        var row = input + (long)y * g.InWidth;
                        for (var x = x0; x < x1; x++)
                        {
                            result = Math.Max(result, row[x]);
                        }
                    }
                }
                else
                {
                    var sum = 0f;
                    for (var y = y0; y < y1; y++)
                    {
                        var row = input + (long)y * g.InWidth;
                        for (var x = x0; x < x1; x++)
                        {
                            sum += row[x];
                        }
                    }
                    var count = g.CountIncludePad ? paddedRows * paddedColumns : (y1 - y0) * (x1 - x0);
                    result = count > 0 ? sum / count : 0f;
                }
                output[oy * g.OutWidth + ox] = result;
            }
        }
    }
}
