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
            for (var ox = 0; ox < g.OutWidth; ox++)
            {
                var x0 = Math.Max(ox * g.StrideWidth - g.PadLeft, 0);
                var x1 = Math.Min(ox * g.StrideWidth - g.PadLeft + g.KernelWidth, g.InWidth);
                var result = float.NegativeInfinity;
                for (var x = x0; x < x1; x++)
                {
                    result = Math.Max(result, column[x]);
                }
                output[oy * g.OutWidth + ox] = result;
            }
        }
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
