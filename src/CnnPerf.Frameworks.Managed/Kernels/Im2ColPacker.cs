namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Gathers a block of the im2col matrix (rows = input channel x kernel position, columns = output positions)
/// directly into the packed B layout of <see cref="PackedGemm"/>, with zeros for padding.
/// </summary>
internal static unsafe class Im2ColPacker
{
    /// <summary>Packs rows k0..k0+kc and output positions n0..n0+cols of one group's input.</summary>
    public static void Pack(ConvolutionGeometry g, float* input, int k0, int kc, int n0, int cols, float* packed)
    {
        if (g.KernelHeight == 1 && g.KernelWidth == 1 && g.StrideHeight == 1 && g.StrideWidth == 1
            && g.PadTop == 0 && g.PadLeft == 0 && g.PadBottom == 0 && g.PadRight == 0)
        {
            PackedGemm.PackB(input, g.InPlane, k0, kc, n0, cols, packed);
            return;
        }
        var nr = PackedGemm.NR;
        var area = g.KernelHeight * g.KernelWidth;
        var panels = PackedGemm.PanelCount(cols, nr);
        for (var kk = 0; kk < kc; kk++)
        {
            var k = k0 + kk;
            var channel = k / area;
            var ky = k % area / g.KernelWidth;
            var kx = k % g.KernelWidth;
            var plane = input + (long)channel * g.InPlane;
            var oy = n0 / g.OutWidth;
            var ox = n0 % g.OutWidth;
            var iy = g.InputRow(oy, ky);
            var rowValid = (uint)iy < (uint)g.InHeight;
            var (first, end) = g.ValidColumns(kx);
            var destination = packed + kk * nr;
            var lane = 0;
            for (var j = 0; j < cols; j++)
            {
                destination[lane] = rowValid && ox >= first && ox < end ? plane[(long)iy * g.InWidth + g.InputColumn(ox, kx)] : 0f;
                if (++lane == nr)
                {
                    lane = 0;
                    destination += (long)kc * nr;
                }
                if (++ox == g.OutWidth)
                {
                    ox = 0;
                    oy++;
                    iy = g.InputRow(oy, ky);
                    rowValid = (uint)iy < (uint)g.InHeight;
                }
            }
            for (var j = cols; j < panels * nr; j++)
            {
                destination[lane++] = 0f;
            }
        }
    }
}
