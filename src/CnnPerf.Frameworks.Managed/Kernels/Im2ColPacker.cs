using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Gathers a block of the im2col matrix (rows = input channel x kernel position, columns = output positions)
/// directly into the packed B layout of <see cref="PackedGemm"/>, with zeros for padding. A panel row that lies
/// inside one output row and inside the image is copied with vector loads (stride 1) or a strided gather; panels
/// at borders and row ends are copied segment by segment.
/// </summary>
internal static unsafe class Im2ColPacker
{
    /// <summary>Packs rows k0..k0+kc and output positions n0..n0+cols of one group's input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ConvolutionGeometry g, float* input, int k0, int kc, int n0, int cols, float* packed)
    {
        if (g.IsPointwise)
        {
            PackedGemm.PackB(input, g.InPlane, k0, kc, n0, cols, packed);
            return;
        }
        var nr = PackedGemm.NR;
        var odd = stackalloc float[nr];
        var first = stackalloc int[g.KernelWidth];
        var end = stackalloc int[g.KernelWidth];
        for (var kx = 0; kx < g.KernelWidth; kx++)
        {
            (first[kx], end[kx]) = g.ValidColumns(kx);
        }
        for (var panel = 0; panel < PackedGemm.PanelCount(cols, nr); panel++)
        {
            var j0 = n0 + panel * nr;
            var width = Math.Min(nr, cols - panel * nr);
            var oy0 = j0 / g.OutWidth;
            var ox0 = j0 % g.OutWidth;
            var oneRow = width == nr && ox0 + nr <= g.OutWidth;
            var destination = packed + (long)panel * kc * nr;
            var channel = k0 / (g.KernelHeight * g.KernelWidth);
            var ky = k0 / g.KernelWidth % g.KernelHeight;
            var kx = k0 % g.KernelWidth;
            for (var kk = 0; kk < kc; kk++)
            {
                var row = destination + kk * nr;
                var plane = input + (long)channel * g.InPlane;
                var iy = g.InputRow(oy0, ky);
                if (oneRow && (uint)iy < (uint)g.InHeight && ox0 >= first[kx] && ox0 + nr <= end[kx])
                {
                    var source = plane + (long)iy * g.InWidth + g.InputColumn(ox0, kx);
                    if (g.StrideWidth == 1)
                    {
                        Vector.Store(Vector.Load(source), row);
                        Vector.Store(Vector.Load(source + Vector<float>.Count), row + Vector<float>.Count);
                    }
                    else if (g.StrideWidth == 2 && g.InputColumn(ox0 + nr - 1, kx) + 1 < g.InWidth)
                    {
                        // the even columns of the 2 * NR that follow (the odd ones are not needed)
                        VectorMath.Deinterleave(source, row, odd, nr);
                    }
                    else
                    {
                        for (var lane = 0; lane < nr; lane++)
                        {
                            row[lane] = source[lane * g.StrideWidth];
                        }
                    }
                }
                else
                {
                    GatherSegments(g, plane, ky, kx, first[kx], end[kx], oy0, ox0, width, row, nr);
                }
                if (++kx == g.KernelWidth)
                {
                    kx = 0;
                    if (++ky == g.KernelHeight)
                    {
                        ky = 0;
                        channel++;
                    }
                }
            }
        }
    }

    /// <summary>
    /// One panel row that crosses a border or an output row end: per output row segment, zeros where the kernel tap
    /// falls into the padding and a strided copy of the valid input columns in between. With stride 1 on AVX, each
    /// segment is one masked load per half of the row (masked lanes read nothing and come back zero), and the
    /// segments are merged in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherSegments(ConvolutionGeometry g, float* plane, int ky, int kx, int first, int end, int oy, int ox, int width, float* row, int nr)
    {
        var masked = g.StrideWidth == 1 && Avx.IsSupported && nr == 2 * Vector256<float>.Count;
        Vector256<float> lowHalf = default, highHalf = default;
        var lane = 0;
        while (lane < width)
        {
            var count = Math.Min(width - lane, g.OutWidth - ox);
            var iy = g.InputRow(oy, ky);
            var valid = (uint)iy < (uint)g.InHeight;
            var low = valid ? Math.Clamp(first - ox, 0, count) : count;
            var high = valid ? Math.Clamp(end - ox, low, count) : count;
            var source = plane + (long)iy * g.InWidth + g.InputColumn(ox + low, kx);
            if (masked)
            {
                if (high > low)
                {
                    // lane t of the row reads source[t - (lane + low)]
                    var origin = source - (lane + low);
                    var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
                    var from = Vector256.Create(lane + low);
                    var to = Vector256.Create(lane + high);
                    var width8 = Vector256.Create(Vector256<float>.Count);
                    lowHalf |= Avx.MaskLoad(origin, Vector256.GreaterThanOrEqual(lanes, from).AsSingle() & Vector256.LessThan(lanes, to).AsSingle());
                    lanes += width8;
                    highHalf |= Avx.MaskLoad(origin + Vector256<float>.Count,
                        Vector256.GreaterThanOrEqual(lanes, from).AsSingle() & Vector256.LessThan(lanes, to).AsSingle());
                }
            }
            else
            {
                var target = row + lane;
                for (var i = 0; i < low; i++)
                {
                    target[i] = 0f;
                }
                for (var i = low; i < high; i++)
                {
                    target[i] = source[(i - low) * g.StrideWidth];
                }
                for (var i = high; i < count; i++)
                {
                    target[i] = 0f;
                }
            }
            lane += count;
            ox += count;
            if (ox == g.OutWidth)
            {
                ox = 0;
                oy++;
            }
        }
        if (masked)
        {
            lowHalf.Store(row);
            highHalf.Store(row + Vector256<float>.Count);
            return;
        }
        for (; lane < nr; lane++)
        {
            row[lane] = 0f;
        }
    }
}
