using CnnPerf.Frameworks.Managed.Memory;
using CnnPerf.Frameworks.Managed.Threading;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Convolution as GEMM: the weights of each group are packed once as A [OC/g, IC/g*KH*KW]; B is the im2col
/// matrix, which is never built. Two ways to read it:
/// <list type="bullet">
/// <item>With horizontal stride 1 or 2 and output rows that fill most of the micro-kernel's lanes, the input is first
/// copied once into zero-padded planes (<see cref="PaddedPlane"/>, shared scratch) and each row of outputs reads its
/// B panels straight from there: row k of the matrix is one offset into the copy (<see cref="PanelSource.Offsets"/>),
/// so nothing is gathered per tile and there are no border cases. Items are (group, block of output channels,
/// band of output rows).</item>
/// <item>Otherwise each item gathers a tile of im2col columns into packed panels (<see cref="Im2ColPacker"/>; for a
/// pointwise layer these are plain copies of its input rows, read in place instead when the layer has few output
/// channels). A
/// tile spans as many output positions as fit a packed block of about <see cref="PackedTileFloats"/> floats: with
/// a short reduction tiles get long, so that each output plane is written in long runs. Items are (group, block
/// of output channels, tile of output positions).</item>
/// </list>
/// </summary>
internal sealed unsafe class Im2ColConvolution : ConvolutionKernel
{
    /// <summary>
    /// Floats of one packed block of B (KC x tile columns): 256 KiB, with a block of A a third of a 1 MiB L2; long
    /// tiles stream A (the weights) fewer times (mobilenet_v2, one thread: 3% faster than 128 KiB).
    /// </summary>
    private const int PackedTileFloats = 64 * 1024;

    /// <summary>
    /// Share of the micro-kernel's lanes an output row must fill to be read from a padded copy: each row ends in
    /// a ragged panel, so narrow rows (7 of 16 lanes) are better packed across row ends.
    /// </summary>
    private const double MinimumLaneUse = 0.85;

    /// <summary>
    /// Output channels (per group) below which a pointwise layer reads its input in place (mobilenet_v2, one thread:
    /// 10-20% faster at 16-32 channels, even at 96, packing 10-20% faster from 160).
    /// </summary>
    private const int InPlaceChannelLimit = 96;

    private readonly NativeBuffer _packedWeights;
    private readonly int _maxTileColumns;
    private readonly PaddedPlane? _padded;
    private readonly int[]? _rowOffsets;
    private readonly PaddedCopy? _copy;
    private int _tileUnits;
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
        if (ReadsPaddedCopy(geometry))
        {
            _padded = PaddedPlaneFor(geometry);
            _rowOffsets = RowOffsets(geometry, _padded.Value);
            _copy = new PaddedCopy(this);
        }
    }

    /// <inheritdoc />
    public override ConvolutionTechnique Technique => ConvolutionTechnique.Im2Col;

    /// <inheritdoc />
    public override long WeightFloats => _packedWeights.Length;

    /// <summary>Whether B is read from a padded copy of the input rather than packed per tile.</summary>
    public bool ReadsPaddedInput => _padded != null;

    /// <inheritdoc />
    public override long ScratchFloats => _padded is { } plane
        ? plane.RowLength
        : (long)Math.Min(PackedGemm.KC, Geometry.ReductionLength) * _maxTileColumns;

    /// <inheritdoc />
    public override long SharedScratchFloats => _padded is { } plane
        ? Geometry.InChannels * plane.Floats + plane.RowLength + PackedGemm.NR
        : 0;

    /// <summary>Whether a layer's B is best read from a padded copy of its input (see the class summary).</summary>
    public static bool ReadsPaddedCopy(ConvolutionGeometry g)
    {
        var laneUse = (double)g.OutWidth / (PackedGemm.PanelCount(g.OutWidth, PackedGemm.NR) * PackedGemm.NR);
        return !g.IsPointwise && g.StrideWidth <= 2 && laneUse >= MinimumLaneUse;
    }

    /// <summary>
    /// Items for <paramref name="threads"/> threads, about four per thread: the output positions (or rows) are
    /// split into tiles first, and only when the tiles are too few are the output channels split too (each block
    /// of channels then reads the same tile again).
    /// </summary>
    protected override int ItemCount(int threads)
    {
        var target = 4 * threads;
        var (units, maxPerTile) = _padded != null
            ? (Geometry.OutHeight, Geometry.OutHeight)
            : (PackedGemm.PanelCount(Geometry.OutPlane, PackedGemm.NR), _maxTileColumns / PackedGemm.NR);
        _tileUnits = threads == 1 ? maxPerTile
            : Math.Clamp(PackedGemm.PanelCount(units, PackedGemm.PanelCount(target, Geometry.Groups)), 1, maxPerTile);
        _tiles = PackedGemm.PanelCount(units, _tileUnits);
        var panels = PackedGemm.PanelCount(Geometry.OutChannelsPerGroup, PackedGemm.MR);
        var wanted = (target + _tiles * Geometry.Groups - 1) / (_tiles * Geometry.Groups);
        _channelBlocks = threads == 1 ? 1 : Math.Clamp(wanted, 1, panels);
        _panelsPerBlock = PackedGemm.PanelCount(panels, _channelBlocks);
        _channelBlocks = PackedGemm.PanelCount(panels, _panelsPerBlock);
        return Geometry.Groups * _channelBlocks * _tiles;
    }

    /// <inheritdoc />
    protected override void Prepare(WorkerPool pool)
    {
        if (_copy != null)
        {
            pool.Run(_copy, Geometry.InChannels);
        }
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
        var output = Output + (long)group * m * n;
        var residual = Residual == null ? null : Residual + (long)group * m * n;
        var packedA = _packedWeights.Pointer + group * PackedGemm.PackedASize(m, k);
        var epilogue = Epilogue.Offset(group * m);
        if (_padded is { } plane)
        {
            var padded = Scratch!.Shared + (long)group * geometry.InChannelsPerGroup * plane.Floats;
            var oy0 = tile * _tileUnits;
            var oy1 = Math.Min(geometry.OutHeight, oy0 + _tileUnits);
            fixed (int* offsets = _rowOffsets)
            {
                for (var oy = oy0; oy < oy1; oy++)
                {
                    var origin = padded + (long)oy * geometry.StrideHeight * plane.RowLength;
                    for (var k0 = 0; k0 < k; k0 += PackedGemm.KC)
                    {
                        PackedGemm.Multiply(packedA, k, m0, m1, PanelSource.Offsets(origin, offsets + k0), k0, Math.Min(PackedGemm.KC, k - k0),
                            oy * geometry.OutWidth, geometry.OutWidth, output, n, epilogue, residual);
                    }
                }
            }
            return;
        }
        var n0 = tile * _tileUnits * PackedGemm.NR;
        var cols = Math.Min(_tileUnits * PackedGemm.NR, n - n0);
        var input = Input + (long)group * geometry.InChannelsPerGroup * geometry.InPlane;
        var packedB = Scratch!.For(worker);
        // A pointwise layer with few output channels reads the whole panels of B (its input) in place: packing
        // them would cost more than the few tiles that reuse each panel gain from it.
        var inPlace = geometry.IsPointwise && m < InPlaceChannelLimit ? cols / PackedGemm.NR : 0;
        var packedFrom = inPlace * PackedGemm.NR;
        for (var k0 = 0; k0 < k; k0 += PackedGemm.KC)
        {
            var kc = Math.Min(PackedGemm.KC, k - k0);
            if (cols > packedFrom)
            {
                Im2ColPacker.Pack(geometry, input, k0, kc, n0 + packedFrom, cols - packedFrom, packedB);
            }
            var source = inPlace > 0 ? PanelSource.InPlace(input, n, k0, n0, inPlace, packedB) : PanelSource.Packed(packedB, kc);
            PackedGemm.Multiply(packedA, k, m0, m1, source, k0, kc, n0, cols, output, n, epilogue, residual);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _packedWeights.Dispose();
        base.Dispose();
    }

    /// <summary>The padded plane each output row reads its taps from: rows of stride 1, or split by column parity for stride 2.</summary>
    private static PaddedPlane PaddedPlaneFor(ConvolutionGeometry g)
    {
        var span = (g.KernelWidth - 1) * g.DilationWidth;
        if (g.StrideWidth == 1)
        {
            return new PaddedPlane(g.WindowRows, g.OutWidth + span, 0);
        }
        var half = g.OutWidth + span / 2;
        return new PaddedPlane(g.WindowRows, 2 * half, half);
    }

    /// <summary>For each row of one group's im2col matrix (input channel, kernel row, kernel column), its offset in the padded copy from an output row's origin.</summary>
    private static int[] RowOffsets(ConvolutionGeometry g, PaddedPlane plane)
    {
        var offsets = GC.AllocateArray<int>(g.ReductionLength, pinned: true);
        var k = 0;
        for (var c = 0; c < g.InChannelsPerGroup; c++)
        {
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    offsets[k++] = checked((int)(c * plane.Floats + (long)ky * g.DilationHeight * plane.RowLength + plane.ColumnOffset(g, kx)));
                }
            }
        }
        return offsets;
    }

    /// <summary>Copies one input channel into its padded plane in shared scratch (items are input channels).</summary>
    private sealed class PaddedCopy(Im2ColConvolution owner) : IParallelWork
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute(int item, int worker)
        {
            var g = owner.Geometry;
            var plane = owner._padded!.Value;
            plane.Fill(g, owner.Input + (long)item * g.InPlane, owner.Scratch!.Shared + item * plane.Floats, owner.Scratch.For(worker));
        }
    }
}
