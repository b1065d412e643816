using System.Numerics;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>Max and average pooling of one channel plane; windows are clipped to the image (padding never wins a max).</summary>
internal static unsafe class Pooling
{
    private const int MaxRowOnStack = 4096;

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
    /// Max pooling in two passes per output row: the vertical maximum of the window's input rows, vectorised
    /// over the whole width, then the horizontal maximum of each window on that single row.
    /// </summary>
    private static void MaxPlane(PoolingGeometry g, float* input, float* output)
    {
        var column = stackalloc float[g.InWidth];
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var y0 = Math.Max(oy * g.StrideHeight - g.PadTop, 0);
            var y1 = Math.Min(oy * g.StrideHeight - g.PadTop + g.KernelHeight, g.InHeight);
            new ReadOnlySpan<float>(input + (long)y0 * g.InWidth, g.InWidth).CopyTo(new Span<float>(column, g.InWidth));
            for (var y = y0 + 1; y < y1; y++)
            {
                var row = input + (long)y * g.InWidth;
                var x = 0;
                for (; x <= g.InWidth - Vector<float>.Count; x += Vector<float>.Count)
                {
                    Vector.Store(Vector.Max(Vector.Load(column + x), Vector.Load(row + x)), column + x);
                }
                for (; x < g.InWidth; x++)
                {
                    column[x] = Math.Max(column[x], row[x]);
                }
            }
            HorizontalMax(g, column, output + (long)oy * g.OutWidth);
        }
    }

    /// <summary>
    /// The maximum of each window of one row of vertical maxima: windows clipped by the padding first, from the
    /// row as it is; then the row is turned in place into the maxima of all windows that lie inside it (vectorised)
    /// and the inner outputs are picked from it.
    /// </summary>
    private static void HorizontalMax(PoolingGeometry g, float* column, float* output)
    {
        var inner = g.InWidth - g.KernelWidth + 1;
        var firstInner = (g.PadLeft + g.StrideWidth - 1) / g.StrideWidth;
        var endInner = Math.Max(firstInner, Math.Min(g.OutWidth, inner <= 0 ? 0 : (inner - 1 + g.PadLeft) / g.StrideWidth + 1));
        for (var ox = 0; ox < g.OutWidth; ox++)
        {
            if (ox < firstInner || ox >= endInner)
            {
                output[ox] = ClippedWindowMax(g, column, ox);
            }
        }
        if (endInner <= firstInner)
        {
            return;
        }
        var w = Vector<float>.Count;
        var i = 0;
        for (; i <= inner - w; i += w)
        {
            var m = Vector.Load(column + i);
            for (var k = 1; k < g.KernelWidth; k++)
            {
                m = Vector.Max(m, Vector.Load(column + i + k));
            }
            Vector.Store(m, column + i);
        }
        for (; i < inner; i++)
        {
            var m = column[i];
            for (var k = 1; k < g.KernelWidth; k++)
            {
                m = MathF.Max(m, column[i + k]);
            }
            column[i] = m;
        }
        for (var ox = firstInner; ox < endInner; ox++)
        {
            output[ox] = column[ox * g.StrideWidth - g.PadLeft];
        }
    }

    private static float ClippedWindowMax(PoolingGeometry g, float* column, int ox)
    {
        var x0 = Math.Max(ox * g.StrideWidth - g.PadLeft, 0);
        var x1 = Math.Min(ox * g.StrideWidth - g.PadLeft + g.KernelWidth, g.InWidth);
        var result = float.NegativeInfinity;
        for (var x = x0; x < x1; x++)
        {
            result = MathF.Max(result, column[x]);
        }
        return result;
    }

    /// <summary>The scalar reference: every window visited element by element.</summary>
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
