namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>Max and average pooling of one channel plane; windows are clipped to the image.</summary>
internal static unsafe class Pooling
{
    /// <summary>Pools plane <paramref name="input"/> into <paramref name="output"/>.</summary>
    public static void Plane(PoolingGeometry g, float* input, float* output)
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
