using CnnPerf.Frameworks.Managed.Memory;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Convolution as GEMM: the weights of each group are packed once as A [OC/g, IC/g*KH*KW]; each item gathers a
/// block of im2col columns straight into packed B panels (no full im2col matrix is ever built) and runs the
/// micro-kernel over it. Items are (group, block of output channels, tile of output positions). A tile spans as
/// many output positions as fit a packed block of about <see cref="PackedTileFloats"/> floats: with a short
/// reduction (a network's first layer, 1x1 layers on few channels) tiles get long, so that each output plane
/// is written in long runs rather than one short run per plane per tile.
/// </summary>
internal sealed unsafe class Im2ColConvolution : ConvolutionKernel
{
    /// <summary>Floats of one packed block of B (KC x tile columns): 128 KiB, half of a small L2.</summary>
    private const int PackedTileFloats = 32 * 1024;

    private readonly int _maxTileColumns;

    private readonly NativeBuffer _packedWeights;
    private int _tileColumns;
    private int _tiles;
    private int _channelBlocks;
    private int _panelsPerBlock;

    /// <summary>Packs <paramref name="weights"/> ([OC, IC/g, KH, KW]).</summary>
    public Im2ColConvolution(ConvolutionGeometry geometry, float[] weights, float[] bias, Activation activation)
        : base(geometry, bias, activation)
    {
        var m = geometry.OutChannelsPerGroup;
        var k = geometry.ReductionLength;
        var perGroup = PackedGemm.PackedASize(m, k);
        _packedWeights = new NativeBuffer(perGroup * geometry.Groups);
        fixed (float* w = weights)
        {
            for (var g = 0; g < geometry.Groups; g++)
            {
                PackedGemm.PackA(w + (long)g * m * k, m, k, k, _packedWeights.Pointer + g * perGroup);
            }
        }
        var panels = Math.Max(1, PackedTileFloats / Math.Min(PackedGemm.KC, k) / PackedGemm.NR);
        _maxTileColumns = Math.Min(panels, PackedGemm.PanelCount(geometry.OutPlane, PackedGemm.NR)) * PackedGemm.NR;
    }

    /// <inheritdoc />
    public override ConvolutionTechnique Technique => ConvolutionTechnique.Im2Col;

    /// <inheritdoc />
    public override long WeightFloats => _packedWeights.Length;

    /// <inheritdoc />
    public override long ScratchFloats => (long)Math.Min(PackedGemm.KC, Geometry.ReductionLength) * _maxTileColumns;

    /// <summary>
    /// Items for <paramref name="threads"/> threads, about four per thread: the output positions are split into
    /// tiles first (each item packs only its own tile), and only when the tiles are too few are the output
    /// channels split too (each block of channels then packs the same tile again).
    /// </summary>
    protected override int ItemCount(int threads)
    {
        var target = 4 * threads;
        var columnPanels = PackedGemm.PanelCount(Geometry.OutPlane, PackedGemm.NR);
        var tilePanels = threads == 1 ? _maxTileColumns / PackedGemm.NR
            : Math.Clamp(PackedGemm.PanelCount(columnPanels, PackedGemm.PanelCount(target, Geometry.Groups)), 1, _maxTileColumns / PackedGemm.NR);
        _tileColumns = tilePanels * PackedGemm.NR;
        _tiles = PackedGemm.PanelCount(Geometry.OutPlane, _tileColumns);
        var panels = PackedGemm.PanelCount(Geometry.OutChannelsPerGroup, PackedGemm.MR);
        var wanted = (target + _tiles * Geometry.Groups - 1) / (_tiles * Geometry.Groups);
        _channelBlocks = threads == 1 ? 1 : Math.Clamp(wanted, 1, panels);
        _panelsPerBlock = PackedGemm.PanelCount(panels, _channelBlocks);
        _channelBlocks = PackedGemm.PanelCount(panels, _panelsPerBlock);
        return Geometry.Groups * _channelBlocks * _tiles;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int item, int worker)
    {
        var geometry = Geometry;
        var tile = item % _tiles;
        var block = item / _tiles % _channelBlocks;
        var group = item / (_tiles * _channelBlocks);
        var m = geometry.OutChannelsPerGroup;
        var k = geometry.ReductionLength;
        var n = geometry.OutPlane;
        var m0 = block * _panelsPerBlock * PackedGemm.MR;
        var m1 = Math.Min(m, m0 + _panelsPerBlock * PackedGemm.MR);
        var n0 = tile * _tileColumns;
        var cols = Math.Min(_tileColumns, n - n0);
        var input = Input + (long)group * geometry.InChannelsPerGroup * geometry.InPlane;
        var output = Output + (long)group * m * n;
        var residual = Residual == null ? null : Residual + (long)group * m * n;
        var packedA = _packedWeights.Pointer + group * PackedGemm.PackedASize(m, k);
        var packedB = Scratch!.For(worker);
        var epilogue = Epilogue.Offset(group * m);
        // A pointwise layer's input is B itself: its whole panels are read in place, only a ragged end is packed.
        var inPlace = geometry.IsPointwise ? cols / PackedGemm.NR * PackedGemm.NR : 0;
        for (var k0 = 0; k0 < k; k0 += PackedGemm.KC)
        {
            var kc = Math.Min(PackedGemm.KC, k - k0);
            if (inPlace > 0)
            {
                PackedGemm.Multiply(packedA, k, m0, m1, PanelSource.InPlace(input, n, k0, n0), k0, kc, n0, inPlace, output, n, epilogue, residual);
            }
            if (cols > inPlace)
            {
                Im2ColPacker.Pack(geometry, input, k0, kc, n0 + inPlace, cols - inPlace, packedB);
                PackedGemm.Multiply(packedA, k, m0, m1, PanelSource.Packed(packedB, kc), k0, kc, n0 + inPlace, cols - inPlace, output, n, epilogue, residual);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _packedWeights.Dispose();
        base.Dispose();
    }
}
