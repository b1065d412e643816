using CnnPerf.Frameworks.Managed.Memory;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Direct convolution: each output plane is accumulated row by row from every input plane of its group and
/// every kernel tap, without any transformed copy of input or weights. Items are output channels.
/// </summary>
internal sealed unsafe class DirectConvolution : ConvolutionKernel
{
    private readonly NativeBuffer _weights;

    /// <summary>Keeps <paramref name="weights"/> ([OC, IC/g, KH, KW]) as they are.</summary>
    public DirectConvolution(ConvolutionGeometry geometry, float[] weights, float[] bias, Activation activation)
        : base(geometry, bias, activation) => _weights = NativeBuffer.From(weights);

    /// <inheritdoc />
    public override ConvolutionTechnique Technique => ConvolutionTechnique.Direct;

    /// <inheritdoc />
    public override long WeightFloats => _weights.Length;

    /// <inheritdoc />
    protected override int ItemCount(int threads) => Geometry.OutChannels;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int item, int worker)
    {
        var g = Geometry;
        var plane = Output + (long)item * g.OutPlane;
        new Span<float>(plane, g.OutPlane).Clear();
        var group = item / g.OutChannelsPerGroup;
        var weights = _weights.Pointer + (long)item * g.ReductionLength;
        for (var c = 0; c < g.InChannelsPerGroup; c++)
        {
            var input = Input + (long)(group * g.InChannelsPerGroup + c) * g.InPlane;
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var weight = *weights++;
                    var (first, end) = g.ValidColumns(kx);
                    var offset = kx * g.DilationWidth - g.PadLeft;
                    for (var oy = 0; oy < g.OutHeight; oy++)
                    {
                        var iy = g.InputRow(oy, ky);
                        if ((uint)iy < (uint)g.InHeight)
                        {
                            ConvolutionRows.Accumulate(plane + oy * g.OutWidth, input + (long)iy * g.InWidth, weight, first, end, g.StrideWidth, offset);
                        }
                    }
                }
            }
        }
        ConvolutionRows.Finish(plane, g.OutPlane, Epilogue.Bias[item], Residual == null ? null : Residual + (long)item * g.OutPlane, Epilogue.Low, Epilogue.High);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _weights.Dispose();
        base.Dispose();
    }
}
