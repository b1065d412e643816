using System.Numerics;
using CnnPerf.Frameworks.Managed.Memory;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Depthwise convolution (one filter per channel). On AVX-512, 3x3 layers with horizontal stride 2, and those with
/// stride 1 whose rows fill whole 512-bit vectors, read the input plane directly (<see cref="DirectDepthwise3x3"/>).
/// Otherwise each channel plane is first copied into zero-bordered scratch, so no output is computed with bounds checks. 3x3 stride-1 layers with padding 1 and planes up to
/// <see cref="FlatPlaneLimit"/> positions take the plane as one flat row (<see cref="FlatPlane3x3"/>). Other 3x3
/// kernels with horizontal stride 1 or 2 keep the nine taps in registers for the whole plane and compute only the
/// output positions: for stride 2 the scratch rows hold the even columns, then the odd ones, so each tap reads
/// consecutive floats. Every vector is finished (bias, residual, activation) in registers and stored whole: a vector that runs past the
/// end of its row writes into the next row, which is computed afterwards; only the plane's last rows go
/// through a row buffer. Other kernels compute the stride-1 positions of each row and subsample them.
/// Items are channels.
/// </summary>
internal sealed unsafe class DepthwiseConvolution : ConvolutionKernel
{
    /// <summary>Largest plane (positions) convolved as one flat row by <see cref="FlatPlane3x3"/>: its masks take 8 bytes per position.</summary>
    private const int FlatPlaneLimit = 112 * 112;

    private readonly NativeBuffer _weights;
    private readonly PaddedPlane _plane;
    private readonly int _rowLength;
    private readonly bool _is3x3;
    private readonly bool _direct;
    private readonly NativeBuffer? _columnMasks;
    private readonly int _margin;

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
        _is3x3 = geometry is { KernelHeight: 3, KernelWidth: 3, DilationHeight: 1, DilationWidth: 1, StrideWidth: 1 or 2 };
        _direct = DirectDepthwise3x3.Applies(geometry);
        if (_direct)
        {
            return;
        }
        if (_is3x3 && geometry is { StrideHeight: 1, StrideWidth: 1, PadTop: 1, PadLeft: 1, PadBottom: 1, PadRight: 1 }
            && geometry.InPlane <= FlatPlaneLimit)
        {
            (_columnMasks, _margin) = FlatPlaneMasks(geometry.InWidth, geometry.InPlane);
        }
        if (_is3x3)
        {
            // output positions per row, rounded up to whole vectors
            _rowLength = PackedGemm.PanelCount(geometry.OutWidth, w) * w;
            var half = geometry.StrideWidth == 2 ? _rowLength + w : 0;
            _plane = new PaddedPlane(geometry.WindowRows, geometry.StrideWidth == 2 ? 2 * half : _rowLength + w, half);
        }
        else
        {
            // stride-1 positions needed per row, rounded up to whole vectors
            _rowLength = PackedGemm.PanelCount((geometry.OutWidth - 1) * geometry.StrideWidth + 1, w) * w;
            _plane = new PaddedPlane(geometry.WindowRows, PackedGemm.PanelCount(_rowLength + (geometry.KernelWidth - 1) * geometry.DilationWidth, w) * w, 0);
        }
    }

    /// <inheritdoc />
    public override ConvolutionTechnique Technique => ConvolutionTechnique.Depthwise;

    /// <inheritdoc />
    public override long WeightFloats => _weights.Length;

    /// <inheritdoc />
    /// <remarks>After the padded plane, one buffer serves first as the line a stride-2 row is split from, then as the row buffer.</remarks>
    public override long ScratchFloats => _direct ? 0
        : _columnMasks != null ? 2L * _margin + PackedGemm.PanelCount(Geometry.InPlane, Vector<float>.Count) * Vector<float>.Count
        : _plane.Floats + Math.Max(_plane.RowLength, _rowLength) + Vector<float>.Count;

    /// <inheritdoc />
    protected override int ItemCount(int threads) => Geometry.OutChannels;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int item, int worker)
    {
        var g = Geometry;
        var input = Input + (long)item * g.InPlane;
        var output = Output + (long)item * g.OutPlane;
        var residual = Residual == null ? null : Residual + (long)item * g.OutPlane;
        var weights = _weights.Pointer + (long)item * g.KernelHeight * g.KernelWidth;
        var bias = Epilogue.Bias[item];
        if (_direct)
        {
            DirectDepthwise3x3.Plane(g, input, weights, bias, Epilogue.Low, Epilogue.High, output, residual);
            return;
        }
        var padded = Scratch!.For(worker);
        var row = padded + _plane.Floats;
        if (_columnMasks != null)
        {
            FlatPlane3x3(input, weights, bias, padded, output, residual);
            return;
        }
        if (_is3x3)
        {
            _plane.Fill(g, input, padded, row);
            Plane3x3(padded, weights, bias, row, output, residual);
            return;
        }
        _plane.Fill(g, input, padded, null);
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var target = output + oy * g.OutWidth;
            RowAnyKernel(g, padded + (long)oy * g.StrideHeight * _plane.RowLength, weights, row);
            for (var ox = 0; ox < g.OutWidth; ox++)
            {
                target[ox] = row[ox * g.StrideWidth];
            }
            ConvolutionRows.Finish(target, g.OutWidth, bias, residual == null ? null : residual + oy * g.OutWidth, Epilogue.Low, Epilogue.High);
        }
    }

    /// <summary>
    /// Masks of a plane flattened into vectors: for each vector of positions, the lanes not in the first column
    /// (where the tap to the left is inside the image), then the lanes not in the last column. Returns them with
    /// the zero margin a flattened plane needs on each side.
    /// </summary>
    private static (NativeBuffer Masks, int Margin) FlatPlaneMasks(int width, int plane)
    {
        var w = Vector<float>.Count;
        var vectors = PackedGemm.PanelCount(plane, w);
        var masks = new NativeBuffer(2L * vectors * w);
        var on = BitConverter.Int32BitsToSingle(-1);
        for (var p = 0; p < vectors * w; p++)
        {
            masks.Pointer[(p / w * 2) * w + p % w] = p % width != 0 ? on : 0f;
            masks.Pointer[(p / w * 2 + 1) * w + p % w] = p % width != width - 1 ? on : 0f;
        }
        return (masks, PackedGemm.PanelCount(width + 1, w) * w);
    }

    /// <summary>
    /// One channel of a small 3x3, stride-1, pad-1 layer, the plane taken as one flat row: it is copied between
    /// zero margins, so the taps above and below are plain shifted loads, and the taps to the left and right are
    /// masked where they would wrap into the neighbouring image row. No per-row work at all, which is what the
    /// 14x14 and 7x7 layers of mobile networks need.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FlatPlane3x3(float* input, float* weights, float bias, float* scratch, float* output, float* residual)
    {
        var g = Geometry;
        var w = Vector<float>.Count;
        var width = g.InWidth;
        var plane = g.InPlane;
        var vectors = PackedGemm.PanelCount(plane, w);
        var start = scratch + _margin;
        new Span<float>(scratch, _margin).Clear();
        new ReadOnlySpan<float>(input, plane).CopyTo(new Span<float>(start, plane));
        new Span<float>(start + plane, vectors * w - plane + _margin).Clear();
        Vector<float> w00 = new(weights[0]), w01 = new(weights[1]), w02 = new(weights[2]);
        Vector<float> w10 = new(weights[3]), w11 = new(weights[4]), w12 = new(weights[5]);
        Vector<float> w20 = new(weights[6]), w21 = new(weights[7]), w22 = new(weights[8]);
        var b = new Vector<float>(bias);
        var low = new Vector<float>(Epilogue.Low);
        var high = new Vector<float>(Epilogue.High);
        var masks = _columnMasks!.Pointer;
        for (var v = 0; v < vectors; v++)
        {
            var p = v * w;
            var left = Vector.Load(masks + 2 * p);
            var right = Vector.Load(masks + 2 * p + w);
            var up = start + p - width;
            var middle = start + p;
            var down = start + p + width;
            var sum = Vector.FusedMultiplyAdd(Vector.Load(up - 1) & left, w00, b);
            sum = Vector.FusedMultiplyAdd(Vector.Load(up), w01, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(up + 1) & right, w02, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(middle - 1) & left, w10, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(middle), w11, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(middle + 1) & right, w12, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(down - 1) & left, w20, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(down), w21, sum);
            sum = Vector.FusedMultiplyAdd(Vector.Load(down + 1) & right, w22, sum);
            if (p + w <= plane)
            {
                if (residual != null)
                {
                    sum += Vector.Load(residual + p);
                }
                Vector.Store(VectorMath.Clamp(sum, low, high), output + p);
                continue;
            }
            // the plane's ragged end: finished lane by lane, so nothing past the plane is read or written
            for (var lane = 0; p + lane < plane; lane++)
            {
                var value = sum[lane] + (residual == null ? 0f : residual[p + lane]);
                output[p + lane] = Math.Min(Math.Max(value, Epilogue.Low), Epilogue.High);
            }
        }
    }

    /// <summary>
    /// All output rows of one channel for a 3x3 kernel, the taps and the epilogue's constants held in registers.
    /// Rows whose whole vectors end inside the plane are stored in place; the last rows go through
    /// <paramref name="row"/> and are finished there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Plane3x3(float* padded, float* weights, float bias, float* row, float* output, float* residual)
    {
        var g = Geometry;
        var w = Vector<float>.Count;
        // column offsets of the three taps of a row: stride 1 reads x, x+1, x+2; stride 2 reads even[x], odd[x], even[x+1]
        var tap1 = _plane.ColumnOffset(g, 1);
        var tap2 = _plane.ColumnOffset(g, 2);
        Vector<float> w00 = new(weights[0]), w01 = new(weights[1]), w02 = new(weights[2]);
        Vector<float> w10 = new(weights[3]), w11 = new(weights[4]), w12 = new(weights[5]);
        Vector<float> w20 = new(weights[6]), w21 = new(weights[7]), w22 = new(weights[8]);
        var b = new Vector<float>(bias);
        var low = new Vector<float>(Epilogue.Low);
        var high = new Vector<float>(Epilogue.High);
        var inPlace = g.OutPlane < _rowLength ? 0 : Math.Min(g.OutHeight, (g.OutPlane - _rowLength) / g.OutWidth + 1);
        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            var r0 = padded + (long)oy * g.StrideHeight * _plane.RowLength;
            var r1 = r0 + _plane.RowLength;
            var r2 = r1 + _plane.RowLength;
            var finished = oy < inPlace;
            var target = finished ? output + oy * g.OutWidth : row;
            var residualRow = finished && residual != null ? residual + oy * g.OutWidth : null;
            for (var x = 0; x < _rowLength; x += w)
            {
                var sum = Vector.FusedMultiplyAdd(Vector.Load(r0 + x), w00, b);
                sum = Vector.FusedMultiplyAdd(Vector.Load(r0 + x + tap1), w01, sum);
                sum = Vector.FusedMultiplyAdd(Vector.Load(r0 + x + tap2), w02, sum);
                sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + x), w10, sum);
                sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + x + tap1), w11, sum);
                sum = Vector.FusedMultiplyAdd(Vector.Load(r1 + x + tap2), w12, sum);
                sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + x), w20, sum);
                sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + x + tap1), w21, sum);
                sum = Vector.FusedMultiplyAdd(Vector.Load(r2 + x + tap2), w22, sum);
                if (finished)
                {
                    if (residualRow != null)
                    {
                        sum += Vector.Load(residualRow + x);
                    }
                    sum = VectorMath.Clamp(sum, low, high);
                }
                Vector.Store(sum, target + x);
            }
            if (!finished)
            {
                var last = output + oy * g.OutWidth;
                new ReadOnlySpan<float>(row, g.OutWidth).CopyTo(new Span<float>(last, g.OutWidth));
                ConvolutionRows.Finish(last, g.OutWidth, 0f, residual == null ? null : residual + oy * g.OutWidth, Epilogue.Low, Epilogue.High);
            }
        }
    }

    /// <summary>One row of stride-1 positions of any kernel (dilation included), without bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RowAnyKernel(ConvolutionGeometry g, float* top, float* weights, float* row)
    {
        var w = Vector<float>.Count;
        for (var x = 0; x < _rowLength; x += w)
        {
            var sum = Vector<float>.Zero;
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                var source = top + (long)ky * g.DilationHeight * _plane.RowLength + x;
                var tap = weights + ky * g.KernelWidth;
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    sum = Vector.FusedMultiplyAdd(Vector.Load(source + kx * g.DilationWidth), new Vector<float>(tap[kx]), sum);
                }
            }
            Vector.Store(sum, row + x);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _weights.Dispose();
        _columnMasks?.Dispose();
        base.Dispose();
    }
}
