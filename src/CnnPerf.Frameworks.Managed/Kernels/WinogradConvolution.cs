using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CnnPerf.Frameworks.Managed.Memory;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Winograd F(2x2,3x3) for 3x3 stride-1 convolutions: the output is cut into 2x2 tiles, each 4x4 input patch
/// is transformed (B^T d B), the 16 transformed positions become 16 GEMMs of the pre-transformed weights
/// (G g G^T, packed once) by the transformed inputs, and each product tile is transformed back (A^T m A):
/// 2.25x fewer multiplications than direct. Both transforms run on NR tiles at once in vector lanes. Items are
/// (block of up to four panels of <see cref="PackedGemm.NR"/> tiles, block of output channels).
/// </summary>
internal sealed unsafe class WinogradConvolution : ConvolutionKernel
{
    private const int Positions = 16;

    private readonly NativeBuffer _packedWeights;
    private readonly NativeBuffer _zeroBias;
    private readonly int _tilesHigh;
    private readonly int _tilesWide;
    private readonly int _panels;
    private int _tileBlocks;
    private int _panelsPerBlock;

    /// <summary>Transforms and packs <paramref name="weights"/> ([OC, IC, 3, 3]).</summary>
    public WinogradConvolution(ConvolutionGeometry geometry, float[] weights, float[] bias, Activation activation)
        : base(geometry, bias, activation)
    {
        if (!geometry.IsWinogradCandidate)
        {
            throw new ArgumentException("Winograd F(2x2,3x3) needs a 3x3 kernel, stride 1, dilation 1 and one group.", nameof(geometry));
        }
        int oc = geometry.OutChannels, ic = geometry.InChannels;
        // Each transformed filter goes straight to its place in the packed weights of its 16 positions.
        var perPosition = PackedGemm.PackedASize(oc, ic);
        _packedWeights = new NativeBuffer(perPosition * Positions);
        Span<float> u = stackalloc float[Positions];
        for (var o = 0; o < oc; o++)
        {
            for (var c = 0; c < ic; c++)
            {
                TransformFilter(weights.AsSpan((o * ic + c) * 9, 9), u);
                var packed = _packedWeights.Pointer + PackedGemm.PackedAIndex(o, c, ic);
                for (var p = 0; p < Positions; p++)
                {
                    packed[p * perPosition] = u[p];
                }
            }
        }
        _zeroBias = new NativeBuffer(oc);
        _tilesHigh = (geometry.OutHeight + 1) / 2;
        _tilesWide = (geometry.OutWidth + 1) / 2;
        // Several panels of tiles per item let each packed weight panel serve more tiles while it is in cache.
        _panels = Math.Clamp(PackedGemm.PanelCount(_tilesHigh * _tilesWide, PackedGemm.NR) / 8, 1, 4);
    }

    /// <inheritdoc />
    public override ConvolutionTechnique Technique => ConvolutionTechnique.Winograd;

    /// <inheritdoc />
    public override long WeightFloats => _packedWeights.Length;

    /// <inheritdoc />
    public override long ScratchFloats => (long)Positions * _panels * PackedGemm.NR * (Geometry.InChannels + Geometry.OutChannels);

    /// <inheritdoc />
    protected override int ItemCount(int threads)
    {
        _tileBlocks = PackedGemm.PanelCount(_tilesHigh * _tilesWide, _panels * PackedGemm.NR);
        var panels = PackedGemm.PanelCount(Geometry.OutChannels, PackedGemm.MR);
        var wanted = threads == 1 ? 1 : Math.Clamp((2 * threads + _tileBlocks - 1) / _tileBlocks, 1, panels);
        _panelsPerBlock = PackedGemm.PanelCount(panels, wanted);
        return _tileBlocks * PackedGemm.PanelCount(panels, _panelsPerBlock);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int item, int worker)
    {
        var g = Geometry;
        var nr = PackedGemm.NR;
        int ic = g.InChannels, oc = g.OutChannels;
        var block = _panels * nr;
        var first = item % _tileBlocks * block;
        var count = Math.Min(block, _tilesHigh * _tilesWide - first);
        var o0 = item / _tileBlocks * _panelsPerBlock * PackedGemm.MR;
        var o1 = Math.Min(oc, o0 + _panelsPerBlock * PackedGemm.MR);
        var transformedInput = Scratch!.For(worker);
        var products = transformedInput + (long)Positions * ic * block;
        var panels = PackedGemm.PanelCount(count, nr);
        for (var q = 0; q < panels; q++)
        {
            TransformInput(g, first + q * nr, Math.Min(nr, count - q * nr), transformedInput + (long)q * ic * nr, (long)ic * block);
        }
        var none = new Epilogue(_zeroBias.Pointer, float.NegativeInfinity, float.PositiveInfinity);
        var perPosition = PackedGemm.PackedASize(oc, ic);
        for (var p = 0; p < Positions; p++)
        {
            PackedGemm.Multiply(_packedWeights.Pointer + p * perPosition, ic, o0, o1, PanelSource.Packed(transformedInput + (long)p * ic * block, ic), 0, ic, 0, count,
                products + (long)p * oc * block, block, none, null);
        }
        for (var q = 0; q < panels; q++)
        {
            TransformOutput(first + q * nr, Math.Min(nr, count - q * nr), o0, o1, products + q * nr, block);
        }
    }

    /// <summary>U = G g G^T for one 3x3 filter.</summary>
    internal static void TransformFilter(ReadOnlySpan<float> g, Span<float> u)
    {
        Span<float> gg = stackalloc float[12];
        for (var c = 0; c < 3; c++)
        {
            float a = g[c], b = g[3 + c], d = g[6 + c];
            gg[c] = a;
            gg[3 + c] = 0.5f * (a + b + d);
            gg[6 + c] = 0.5f * (a - b + d);
            gg[9 + c] = d;
        }
        for (var r = 0; r < 4; r++)
        {
            float a = gg[r * 3], b = gg[r * 3 + 1], d = gg[r * 3 + 2];
            u[r * 4] = a;
            u[r * 4 + 1] = 0.5f * (a + b + d);
            u[r * 4 + 2] = 0.5f * (a - b + d);
            u[r * 4 + 3] = d;
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TransformInput(ConvolutionGeometry g, int first, int count, float* destination, long stride)
    {
        var nr = PackedGemm.NR;
        var w = Vector<float>.Count;
        var d = stackalloc float[16 * 64];
        // where each lane's 4x4 patch starts in a plane, and whether it lies wholly inside the image
        var top = stackalloc int[64];
        var left = stackalloc int[64];
        var inside = stackalloc bool[64];
        for (var lane = 0; lane < nr; lane++)
        {
            var tile = first + lane;
            top[lane] = 2 * (tile / _tilesWide) - g.PadTop;
            left[lane] = 2 * (tile % _tilesWide) - g.PadLeft;
            inside[lane] = lane < count && top[lane] >= 0 && top[lane] + 3 < g.InHeight && left[lane] >= 0 && left[lane] + 3 < g.InWidth;
        }
        for (var c = 0; c < g.InChannels; c++)
        {
            var plane = Input + (long)c * g.InPlane;
            // gather: d[position * nr + lane]; four inner patches at a time as four rows of four, transposed
            for (var lane = 0; lane < nr; lane += 4)
            {
                if (Sse.IsSupported && inside[lane] && inside[lane + 1] && inside[lane + 2] && inside[lane + 3])
                {
                    for (var i = 0; i < 4; i++)
                    {
                        var a = Vector128.Load(plane + (long)(top[lane] + i) * g.InWidth + left[lane]);
                        var b = Vector128.Load(plane + (long)(top[lane + 1] + i) * g.InWidth + left[lane + 1]);
                        var e = Vector128.Load(plane + (long)(top[lane + 2] + i) * g.InWidth + left[lane + 2]);
                        var f = Vector128.Load(plane + (long)(top[lane + 3] + i) * g.InWidth + left[lane + 3]);
                        var ab0 = Sse.UnpackLow(a, b);
                        var ef0 = Sse.UnpackLow(e, f);
                        var ab1 = Sse.UnpackHigh(a, b);
                        var ef1 = Sse.UnpackHigh(e, f);
                        var target = d + i * 4 * nr + lane;
                        Sse.MoveLowToHigh(ab0, ef0).Store(target);
                        Sse.MoveHighToLow(ef0, ab0).Store(target + nr);
                        Sse.MoveLowToHigh(ab1, ef1).Store(target + 2 * nr);
                        Sse.MoveHighToLow(ef1, ab1).Store(target + 3 * nr);
                    }
                    continue;
                }
                for (var l = lane; l < lane + 4; l++)
                {
                    for (var i = 0; i < 4; i++)
                    {
                        var y = top[l] + i;
                        var row = plane + (long)y * g.InWidth;
                        for (var j = 0; j < 4; j++)
                        {
                            var x = left[l] + j;
                            d[(i * 4 + j) * nr + l] = inside[l] || (l < count && (uint)y < (uint)g.InHeight && (uint)x < (uint)g.InWidth) ? row[x] : 0f;
                        }
                    }
                }
            }
            // V = B^T d B on all lanes at once
            for (var half = 0; half < nr; half += w)
            {
                var p = d + half;
                for (var j = 0; j < 4; j++)
                {
                    var r0 = Vector.Load(p + j * nr);
                    var r1 = Vector.Load(p + (4 + j) * nr);
                    var r2 = Vector.Load(p + (8 + j) * nr);
                    var r3 = Vector.Load(p + (12 + j) * nr);
                    Vector.Store(r0 - r2, p + j * nr);
                    Vector.Store(r1 + r2, p + (4 + j) * nr);
                    Vector.Store(r2 - r1, p + (8 + j) * nr);
                    Vector.Store(r1 - r3, p + (12 + j) * nr);
                }
                var target = destination + (long)c * nr + half;
                for (var i = 0; i < 4; i++)
                {
                    var a = Vector.Load(p + (i * 4) * nr);
                    var b = Vector.Load(p + (i * 4 + 1) * nr);
                    var e = Vector.Load(p + (i * 4 + 2) * nr);
                    var f = Vector.Load(p + (i * 4 + 3) * nr);
                    Vector.Store(a - e, target + (i * 4) * stride);
                    Vector.Store(b + e, target + (i * 4 + 1) * stride);
                    Vector.Store(e - b, target + (i * 4 + 2) * stride);
                    Vector.Store(b - f, target + (i * 4 + 3) * stride);
                }
            }
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TransformOutput(int first, int count, int o0, int o1, float* products, int ldc)
    {
        var g = Geometry;
        var nr = PackedGemm.NR;
        var w = Vector<float>.Count;
        var stride = (long)g.OutChannels * ldc;
        var y = stackalloc float[4 * 64];
        var s = stackalloc Vector<float>[8];
        for (var o = o0; o < o1; o++)
        {
            var bias = new Vector<float>(Epilogue.Bias[o]);
            for (var half = 0; half < nr; half += w)
            {
                var m = products + (long)o * ldc + half;
                for (var j = 0; j < 4; j++)
                {
                    var m0 = Vector.Load(m + j * stride);
                    var m1 = Vector.Load(m + (4 + j) * stride);
                    var m2 = Vector.Load(m + (8 + j) * stride);
                    var m3 = Vector.Load(m + (12 + j) * stride);
                    s[j] = m0 + m1 + m2;
                    s[4 + j] = m1 - m2 - m3;
                }
                for (var i = 0; i < 2; i++)
                {
                    Vector.Store(s[i * 4] + s[i * 4 + 1] + s[i * 4 + 2] + bias, y + (i * 2) * nr + half);
                    Vector.Store(s[i * 4 + 1] - s[i * 4 + 2] - s[i * 4 + 3] + bias, y + (i * 2 + 1) * nr + half);
                }
            }
            var plane = (long)o * g.OutPlane;
            for (var lane = 0; lane < count; lane++)
            {
                var tile = first + lane;
                var oy = 2 * (tile / _tilesWide);
                var ox = 2 * (tile % _tilesWide);
                // four tiles side by side in one tile row and inside the image: two rows of eight outputs, interleaved in registers
                if (Sse.IsSupported && lane % 4 == 0 && lane + 4 <= count && tile % _tilesWide + 4 <= _tilesWide
                    && oy + 1 < g.OutHeight && ox + 8 <= g.OutWidth)
                {
                    for (var i = 0; i < 2; i++)
                    {
                        var left = Vector128.Load(y + i * 2 * nr + lane);
                        var right = Vector128.Load(y + (i * 2 + 1) * nr + lane);
                        var index = plane + (long)(oy + i) * g.OutWidth + ox;
                        StoreFinished(Sse.UnpackLow(left, right), index);
                        StoreFinished(Sse.UnpackHigh(left, right), index + 4);
                    }
                    lane += 3;
                    continue;
                }
                for (var i = 0; i < 2 && oy + i < g.OutHeight; i++)
                {
                    for (var j = 0; j < 2 && ox + j < g.OutWidth; j++)
                    {
                        var index = plane + (long)(oy + i) * g.OutWidth + ox + j;
                        var value = y[(i * 2 + j) * nr + lane] + (Residual == null ? 0f : Residual[index]);
                        Output[index] = Math.Min(Math.Max(value, Epilogue.Low), Epilogue.High);
                    }
                }
            }
        }
    }

    /// <summary>Adds the residual to four outputs starting at <paramref name="index"/>, clamps them and stores them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StoreFinished(Vector128<float> values, long index)
    {
        if (Residual != null)
        {
            values += Vector128.Load(Residual + index);
        }
        Vector128.Min(Vector128.Max(values, Vector128.Create(Epilogue.Low)), Vector128.Create(Epilogue.High)).Store(Output + index);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _packedWeights.Dispose();
        _zeroBias.Dispose();
        base.Dispose();
    }
}
