using System.Numerics;
using CnnPerf.Frameworks.Managed.Memory;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Depthwise convolution (one filter per channel). Each channel plane is first copied into a zero-bordered
/// scratch plane, so every output row is computed without bounds checks: full vectors of stride-1 positions with
/// all kernel taps accumulated in a register, then subsampled for strided layers, finished (bias, residual,
/// activation) and stored while the row is in L1. Items are channels.
/// </summary>
internal sealed unsafe class DepthwiseConvolution : ConvolutionKernel
{
    private readonly NativeBuffer _weights;
    private readonly int _paddedWidth;
    private readonly int _paddedHeight;
    private readonly int _rowLength;
    private readonly bool _is3x3;

    /// <summary>Keeps <paramref name="weights"/> ([C, 1, KH, KW]).</summary>
    public DepthwiseConvolution(ConvolutionGeometry geometry, float[] weights, float[] bias, Activation activation)
        : base(geometry, bias, activation)
    {
        if (!geometry.IsDepthwise)
        {
            throw new ArgumentException("The depthwise kernel needs groups == input channels == output channels.", nameof(geometry));
        }
        _weights = NativeBuffer.From(weights);
        var w = Vector<float>.Count;
        // stride-1 positions needed per row, rounded up to whole vectors
        _rowLength = PackedGemm.PanelCount((geometry.OutWidth - 1) * geometry.StrideWidth + 1, w) * w;
        _paddedWidth = _rowLength + (geometry.KernelWidth - 1) * geometry.DilationWidth;
        _paddedHeight = (geometry.OutHeight - 1) * geometry.StrideHeight + (geometry.KernelHeight - 1) * geometry.DilationHeight + 1;
        _is3x3 = geometry is { KernelHeight: 3, KernelWidth: 3, DilationHeight: 1, DilationWidth: 1 };
    }

    /// <inheritdoc />
    public override ConvolutionTechnique Technique => ConvolutionTechnique.Depthwise;

    /// <inheritdoc />
    public override long WeightFloats => _weights.Length;

    /// <inheritdoc />
    public override long ScratchFloats => (long)_paddedHeight * _paddedWidth + _rowLength;

    /// <inheritdoc />
    protected override int ItemCount(int threads) => Geometry.OutChannels;

    /// <inheritdoc />
    public override void Execute(int item, int worker)
    {
        var g = Geometry;
        var padded = Scratch!.For(worker);
        var row = padded + (long)_paddedHeight * _paddedWidth;
        FillPadded(g, Input + (long)item * g.InPlane, padded);
        var output = Output + (long)item * g.OutPlane;
        var residual = Residual == null ? null : Residual + (long)item * g.OutPlane;
        var weights = _weights.Pointer + (long)item * g.KernelHeight * g.KernelWidth;
        var bias = Epilogue.Bias[item];
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var top = padded + (long)oy * g.StrideHeight * _paddedWidth;
            var target = output + oy * g.OutWidth;
            var residualRow = residual == null ? null : residual + oy * g.OutWidth;
            if (_is3x3 && g.StrideWidth == 1)
            {
                // Whole vectors go straight to the output, finished; the last, partial one goes through the row buffer.
                var done = Row3x3(top, weights, row, target, residualRow, bias);
                new ReadOnlySpan<float>(row + done, g.OutWidth - done).CopyTo(new Span<float>(target + done, g.OutWidth - done));
                ConvolutionRows.Finish(target + done, g.OutWidth - done, 0f, residualRow == null ? null : residualRow + done, Epilogue.Low, Epilogue.High);
                continue;
            }
            if (_is3x3)
            {
                Row3x3(top, weights, row, null, null, bias);
            }
            else
            {
                RowAnyKernel(g, top, weights, row);
            }
            if (g.StrideWidth == 1)
            {
                new ReadOnlySpan<float>(row, g.OutWidth).CopyTo(new Span<float>(target, g.OutWidth));
            }
            else
            {
                for (var ox = 0; ox < g.OutWidth; ox++)
                {
                    target[ox] = row[ox * g.StrideWidth];
                }
            }
            ConvolutionRows.Finish(target, g.OutWidth, _is3x3 ? 0f : bias, residualRow, Epilogue.Low, Epilogue.High);
        }
    }

    /// <summary>
    /// One row of stride-1 positions of a 3x3 kernel, bias included, the nine taps held in registers. When
    /// <paramref name="target"/> is given, every whole vector that fits the output row is finished (residual, clamp)
    /// and stored there, and the rest goes to <paramref name="row"/>; returns how many positions went to the target.
    /// </summary>
    private int Row3x3(float* top, float* weights, float* row, float* target, float* residual, float bias)
    {
        var w = Vector<float>.Count;
        var r0 = top;
        var r1 = top + _paddedWidth;
        var r2 = top + 2 * _paddedWidth;
        Vector<float> w00 = new(weights[0]), w01 = new(weights[1]), w02 = new(weights[2]);
        Vector<float> w10 = new(weights[3]), w11 = new(weights[4]), w12 = new(weights[5]);
        Vector<float> w20 = new(weights[6]), w21 = new(weights[7]), w22 = new(weights[8]);
        var b = new Vector<float>(bias);
        var low = new Vector<float>(Epilogue.Low);
        var high = new Vector<float>(Epilogue.High);
        var direct = target == null ? 0 : Geometry.OutWidth / w * w;
        for (var x = 0; x < _rowLength; x += w)
        {
            var sum = Vector.FusedMultiplyAdd(Vector.Load(r0 + x), w00, b);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r0 + x + 1), w01, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r0 + x + 2), w02, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + x), w10, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + x + 1), w11, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + x + 2), w12, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + x), w20, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + x + 1), w21, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + x + 2), w22, sum);
            if (x < direct)
            {
                if (residual != null)
                {
                    sum += Vector.Load(residual + x);
                }
                Vector.Store(Vector.Min(Vector.Max(sum, low), high), target + x);
            }
            else
            {
                Vector.Store(sum, row + x);
            }
        }
        return direct;
    }

    /// <summary>One row of stride-1 positions of any kernel (dilation included), without bias.</summary>
    private void RowAnyKernel(ConvolutionGeometry g, float* top, float* weights, float* row)
    {
        var w = Vector<float>.Count;
        for (var x = 0; x < _rowLength; x += w)
        {
            var sum = Vector<float>.Zero;
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                var source = top + (long)ky * g.DilationHeight * _paddedWidth + x;
                var tap = weights + ky * g.KernelWidth;
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    sum = Vector.FusedMultiplyAdd(Vector.Load(source + kx * g.DilationWidth), new Vector<float>(tap[kx]), sum);
                }
            }
            Vector.Store(sum, row + x);
        }
    }

    /// <summary>Copies one input plane into the zero-bordered scratch plane (padding top/left, zeros beyond the image).</summary>
    private void FillPadded(ConvolutionGeometry g, float* plane, float* padded)
    {
        for (var y = 0; y < _paddedHeight; y++)
        {
            var target = new Span<float>(padded + (long)y * _paddedWidth, _paddedWidth);
            var iy = y - g.PadTop;
            if ((uint)iy >= (uint)g.InHeight)
            {
                target.Clear();
                continue;
            }
            var columns = Math.Max(0, Math.Min(g.InWidth, _paddedWidth - g.PadLeft));
            target[..Math.Min(g.PadLeft, _paddedWidth)].Clear();
            new ReadOnlySpan<float>(plane + (long)iy * g.InWidth, columns).CopyTo(target[g.PadLeft..]);
            target[(g.PadLeft + columns)..].Clear();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _weights.Dispose();
        base.Dispose();
    }
}
