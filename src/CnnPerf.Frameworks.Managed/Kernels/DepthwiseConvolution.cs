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
        var w = Vector<float>.Count;
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var top = padded + (long)oy * g.StrideHeight * _paddedWidth;
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
            var target = output + oy * g.OutWidth;
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
            ConvolutionRows.Finish(target, g.OutWidth, Epilogue.Bias[item], residual == null ? null : residual + oy * g.OutWidth, Epilogue.Low, Epilogue.High);
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
