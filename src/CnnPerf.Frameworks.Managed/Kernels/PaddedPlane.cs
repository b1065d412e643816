using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// The layout of a zero-padded copy of one input plane, made so that a kernel reads each tap of a row of outputs
/// with consecutive loads and no bounds checks: padded row y holds input row y - PadTop, shifted right by
/// PadLeft, zeros elsewhere. With stride 2 each padded row holds its even columns, then its odd columns, each
/// half <see cref="PhaseWidth"/> floats long, so output x of kernel column kx lies at half kx % 2, index x + kx / 2.
/// </summary>
/// <param name="Rows">Padded rows.</param>
/// <param name="RowLength">Floats from one padded row to the next.</param>
/// <param name="PhaseWidth">Floats of each half of a row with stride 2; 0 with stride 1 (no split).</param>
internal readonly record struct PaddedPlane(int Rows, int RowLength, int PhaseWidth)
{
    /// <summary>Floats of one padded plane.</summary>
    public long Floats => (long)Rows * RowLength;

    /// <summary>Where the tap at kernel column <paramref name="kx"/> of output column 0 lies in a padded row.</summary>
    public int ColumnOffset(ConvolutionGeometry g, int kx)
    {
        var column = kx * g.DilationWidth;
        return PhaseWidth == 0 ? column : column % 2 * PhaseWidth + column / 2;
    }

    /// <summary>
    /// Copies input plane <paramref name="plane"/> into <paramref name="padded"/>. With stride 2 each padded row is
    /// built in <paramref name="line"/> (<see cref="RowLength"/> floats of scratch) first, then split.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Fill(ConvolutionGeometry g, float* plane, float* padded, float* line)
    {
        var columns = Math.Max(0, Math.Min(g.InWidth, RowLength - g.PadLeft));
        for (var y = 0; y < Rows; y++)
        {
            var destination = padded + (long)y * RowLength;
            var iy = y - g.PadTop;
            if ((uint)iy >= (uint)g.InHeight)
            {
                VectorMath.Clear(destination, RowLength);
                continue;
            }
            var target = PhaseWidth == 0 ? destination : line;
            VectorMath.Clear(target, g.PadLeft);
            VectorMath.Copy(plane + (long)iy * g.InWidth, target + g.PadLeft, columns);
            VectorMath.Clear(target + g.PadLeft + columns, RowLength - g.PadLeft - columns);
            if (PhaseWidth != 0)
            {
                VectorMath.Deinterleave(line, destination, destination + PhaseWidth, PhaseWidth);
            }
        }
    }
}
