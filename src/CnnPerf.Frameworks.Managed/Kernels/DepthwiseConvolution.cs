using System.Numerics;
using CnnPerf.Frameworks.Managed.Memory;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Depthwise convolution (one filter per channel): works one output row at a time so the row stays in L1 and
/// is finished (bias, residual, activation) while hot. For 3x3 stride-1 layers the interior of each row is
/// computed with all nine taps in registers and a single store per vector. Items are channels.
/// </summary>
internal sealed unsafe class DepthwiseConvolution : ConvolutionKernel
{
    private readonly NativeBuffer _weights;

    /// <summary>Keeps <paramref name="weights"/> ([C, 1, KH, KW]).</summary>
    public DepthwiseConvolution(ConvolutionGeometry geometry, float[] weights, float[] bias, Activation activation)
        : base(geometry, bias, activation)
    {
        if (!geometry.IsDepthwise)
        {
            throw new ArgumentException("The depthwise kernel needs groups == input channels == output channels.", nameof(geometry));
        }
        _weights = NativeBuffer.From(weights);
    }

    /// <inheritdoc />
    public override ConvolutionTechnique Technique => ConvolutionTechnique.Depthwise;

    /// <inheritdoc />
    public override long WeightFloats => _weights.Length;

    /// <inheritdoc />
    protected override int ItemCount(int threads) => Geometry.OutChannels;

    /// <inheritdoc />
    public override void Execute(int item, int worker)
    {
        var g = Geometry;
        var input = Input + (long)item * g.InPlane;
        var output = Output + (long)item * g.OutPlane;
        var residual = Residual == null ? null : Residual + (long)item * g.OutPlane;
        var weights = _weights.Pointer + (long)item * g.KernelHeight * g.KernelWidth;
        var fast3x3 = g.KernelHeight == 3 && g.KernelWidth == 3 && g.StrideHeight == 1 && g.StrideWidth == 1
            && g.DilationHeight == 1 && g.DilationWidth == 1;
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var row = output + oy * g.OutWidth;
            var interior = fast3x3 && g.InputRow(oy, 0) >= 0 && g.InputRow(oy, 2) < g.InHeight
                ? Row3x3(g, input + (long)g.InputRow(oy, 0) * g.InWidth, weights, row)
                : (0, 0);
            for (var ox = 0; ox < g.OutWidth; ox++)
            {
                if (ox == interior.Item1 && interior.Item2 > interior.Item1)
                {
                    ox = interior.Item2 - 1;
                    continue;
                }
                row[ox] = 0f;
            }
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                var iy = g.InputRow(oy, ky);
                if ((uint)iy >= (uint)g.InHeight)
                {
                    continue;
                }
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var (first, end) = g.ValidColumns(kx);
                    var offset = kx * g.DilationWidth - g.PadLeft;
                    var weight = weights[ky * g.KernelWidth + kx];
                    var inputRow = input + (long)iy * g.InWidth;
                    if (interior.Item2 > interior.Item1)
                    {
                        ConvolutionRows.Accumulate(row, inputRow, weight, first, Math.Min(end, interior.Item1), 1, offset);
                        ConvolutionRows.Accumulate(row, inputRow, weight, Math.Max(first, interior.Item2), end, 1, offset);
                    }
                    else
                    {
                        ConvolutionRows.Accumulate(row, inputRow, weight, first, end, g.StrideWidth, offset);
                    }
                }
            }
            ConvolutionRows.Finish(row, g.OutWidth, Epilogue.Bias[item], residual == null ? null : residual + oy * g.OutWidth, Epilogue.Low, Epilogue.High);
        }
    }

    /// <summary>
    /// Computes the vector-aligned interior [first, end) of one output row of a 3x3 stride-1 layer whose three
    /// input rows (starting at <paramref name="top"/>) are all inside the image; returns that range.
    /// </summary>
    private static (int, int) Row3x3(ConvolutionGeometry g, float* top, float* w, float* row)
    {
        var first = g.PadLeft;
        var width = Vector<float>.Count;
        var count = (Math.Min(g.OutWidth, g.InWidth - 2 + g.PadLeft) - first) / width * width;
        if (count <= 0)
        {
            return (0, 0);
        }
        Vector<float> w0 = new(w[0]), w1 = new(w[1]), w2 = new(w[2]), w3 = new(w[3]), w4 = new(w[4]);
        Vector<float> w5 = new(w[5]), w6 = new(w[6]), w7 = new(w[7]), w8 = new(w[8]);
        var r0 = top - g.PadLeft;
        var r1 = r0 + g.InWidth;
        var r2 = r1 + g.InWidth;
        for (var ox = first; ox < first + count; ox += width)
        {
            var sum = Vector.Load(r0 + ox) * w0;
            sum = Vector.FusedMultiplyAdd(Vector.Load(r0 + ox + 1), w1, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r0 + ox + 2), w2, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + ox), w3, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + ox + 1), w4, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + ox + 2), w5, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + ox), w6, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + ox + 1), w7, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + ox + 2), w8, sum);
            Vector.Store(sum, row + ox);
        }
        return (first, first + count);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _weights.Dispose();
        base.Dispose();
    }
}
