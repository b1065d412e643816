using System.Numerics;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>Max and average pooling of one channel plane; windows are clipped to the image (padding never wins a max).</summary>
internal static unsafe class Pooling
{
    private const int MaxRowOnStack = 2048;

    /// <summary>Pools plane <paramref name="input"/> into <paramref name="output"/>.</summary>
    public static void Plane(PoolingGeometry g, float* input, float* output)
    {
        if (g.IsMax && g.InWidth <= MaxRowOnStack)
        {
            MaxPlane(g, input, output);
            return;
        }
        Reference(g, input, output);
    }

    /// <summary>
    /// Max pooling in two passes per output row: the vertical maximum of the window's input rows, vectorised over
    /// the whole width into a row bordered with -inf (so clipped windows need no care), then the horizontal
    /// maximum of each window on that row: vectorised for stride 1, and for stride 2 after splitting the row into
    /// its even and odd columns so that each tap reads consecutive floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPlane(PoolingGeometry g, float* input, float* output)
    {
        var w = Vector<float>.Count;
        var vectors = (g.OutWidth + w - 1) / w * w;
        var length = Math.Max(g.PadLeft + g.InWidth, (vectors - 1) * g.StrideWidth + g.KernelWidth) + 2 * w;
        var half = length / 2;
        var buffer = stackalloc float[length + 2 * half];
        var column = buffer;
        var even = buffer + length;
        var odd = even + half;
        new Span<float>(column, length).Fill(float.NegativeInfinity);
        var interior = column + g.PadLeft;
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var y0 = Math.Max(oy * g.StrideHeight - g.PadTop, 0);
            var y1 = Math.Min(oy * g.StrideHeight - g.PadTop + g.KernelHeight, g.InHeight);
            new ReadOnlySpan<float>(input + (long)y0 * g.InWidth, g.InWidth).CopyTo(new Span<float>(interior, g.InWidth));
            for (var y = y0 + 1; y < y1; y++)
            {
                var row = input + (long)y * g.InWidth;
                var x = 0;
                for (; x <= g.InWidth - w; x += w)
                {
                    Vector.Store(Vector.Max(Vector.Load(interior + x), Vector.Load(row + x)), interior + x);
                }
                for (; x < g.InWidth; x++)
                {
                    interior[x] = Math.Max(interior[x], row[x]);
                }
            }
            HorizontalMax(g, column, even, odd, half, output + (long)oy * g.OutWidth);
        }
    }

    /// <summary>The maximum of each window of one bordered row of vertical maxima.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalMax(PoolingGeometry g, float* column, float* even, float* odd, int half, float* output)
    {
        var w = Vector<float>.Count;
        var ox = 0;
        if (g.StrideWidth <= 2)
        {
            if (g.StrideWidth == 2)
            {
                VectorMath.Deinterleave(column, even, odd, half);
            }
            for (; ox <= g.OutWidth - w; ox += w)
            {
                var m = Vector.Load(g.StrideWidth == 1 ? column + ox : even + ox);
                for (var k = 1; k < g.KernelWidth; k++)
                {
                    var tap = g.StrideWidth == 1 ? column + ox + k : (k % 2 == 0 ? even : odd) + ox + k / 2;
                    m = Vector.Max(m, Vector.Load(tap));
                }
                Vector.Store(m, output + ox);
            }
        }
        for (; ox < g.OutWidth; ox++)
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
