using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Single-precision GEMM on packed operands: C[M,N] = A[M,K] * B[K,N], with a register-blocked micro-kernel of
/// <see cref="MR"/> rows by <see cref="NR"/> columns (two <see cref="Vector{T}"/> per row: AVX2/AVX-512 on
/// x86-64, AdvSimd on arm64), fused multiply-add where the CPU has it.
/// A is packed once (weights) into panels of MR rows laid out [K][MR]; B is packed per block into panels of
/// NR columns laid out [KC][NR]; missing rows and columns are zero padded.
/// </summary>
internal static unsafe class PackedGemm
{
    /// <summary>Rows of the micro-kernel.</summary>
    public const int MR = 6;

    /// <summary>Depth of one block of K (a packed B panel of KC x NR floats stays in L1).</summary>
    public const int KC = 256;

    /// <summary>Rows of A multiplied against one B panel before the next panel (an MC x KC block of A, 120 KiB, stays in L2).</summary>
    public const int MC = 20 * MR;

    /// <summary>Columns of the micro-kernel.</summary>
    public static int NR => 2 * Vector<float>.Count;

    /// <summary>Floats needed to pack an M x K matrix A.</summary>
    public static long PackedASize(int m, int k) => (long)PanelCount(m, MR) * MR * k;

    /// <summary>Number of panels of <paramref name="size"/> needed to cover <paramref name="length"/>.</summary>
    public static int PanelCount(int length, int size) => (length + size - 1) / size;

    /// <summary>Packs row-major A (row stride <paramref name="lda"/>) into MR-row panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* a, int m, int k, int lda, float* packed)
    {
        for (var row = 0; row < PanelCount(m, MR) * MR; row++)
        {
            for (var kk = 0; kk < k; kk++)
            {
                packed[PackedAIndex(row, kk, k)] = row < m ? a[(long)row * lda + kk] : 0f;
            }
        }
    }

    /// <summary>Where element (<paramref name="row"/>, <paramref name="column"/>) of an M x <paramref name="k"/> matrix A lies once packed.</summary>
    public static long PackedAIndex(int row, int column, int k) => (long)(row / MR) * MR * k + (long)column * MR + row % MR;

    /// <summary>Packs rows k0..k0+kc of row-major B (row stride <paramref name="ldb"/>), columns n0..n0+cols, into NR-column panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* b, int ldb, int k0, int kc, int n0, int cols, float* packed)
    {
        var nr = NR;
        for (var panel = 0; panel < PanelCount(cols, nr); panel++)
        {
            var destination = packed + (long)panel * kc * nr;
            var start = panel * nr;
            var width = Math.Min(nr, cols - start);
            for (var kk = 0; kk < kc; kk++)
            {
                var source = b + (long)(k0 + kk) * ldb + n0 + start;
                var row = destination + kk * nr;
                if (width == nr)
                {
                    Vector.Store(Vector.Load(source), row);
                    Vector.Store(Vector.Load(source + Vector<float>.Count), row + Vector<float>.Count);
                }
                else
                {
                    for (var j = 0; j < nr; j++)
                    {
                        row[j] = j < width ? source[j] : 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Multiplies all of packed A (rows m0..m1, aligned to MR) by the panels of B (columns n0..n0+cols) over the K range
    /// k0..k0+kc, storing into C (row stride <paramref name="ldc"/>). When k0 is not 0 the product is added to C;
    /// when the block ends K the epilogue is applied (bias by row, residual with C's layout, clamp). Rows go in
    /// blocks of <see cref="MC"/>, each swept over every B panel, so that neither operand streams from memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* packedA, int k, int m0, int m1, in PanelSource b, int k0, int kc, int n0, int cols,
        float* c, int ldc, in Epilogue epilogue, float* residual)
    {
        var nr = NR;
        var last = k0 + kc == k;
        for (var block = m0; block < m1; block += MC)
        {
            var blockEnd = Math.Min(m1, block + MC);
            for (var panelB = 0; panelB < PanelCount(cols, nr); panelB++)
            {
                var column = n0 + panelB * nr;
                var width = Math.Min(nr, cols - panelB * nr);
                var panel = b.Panel(panelB);
                for (var row = block; row < blockEnd; row += MR)
                {
                    var a = packedA + (long)row * k + (long)k0 * MR;
                    var offset = (long)row * ldc + column;
                    MicroKernel(kc, a, panel, b.RowStride, c + offset, ldc, Math.Min(MR, blockEnd - row), width, k0 > 0, last, epilogue, row,
                        residual == null ? null : residual + offset);
                }
            }
        }
    }

    /// <summary>One MR x NR tile of C over kc steps of K; row k of the B panel lies <paramref name="ldb"/> floats after row k - 1.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MicroKernel(int kc, float* a, float* b, int ldb, float* c, int ldc, int rows, int cols, bool accumulate, bool last,
        in Epilogue epilogue, int row0, float* residual)
    {
        if (cols == NR)
        {
            // Full-width tiles go from the registers straight into C, also when the tile has fewer than MR rows.
            if (rows == MR && !accumulate && last)
            {
                Accumulate(kc, a, b, ldb, new FinishedRows(c, ldc, epilogue.Bias + row0, epilogue.Low, epilogue.High, residual));
            }
            else
            {
                Accumulate(kc, a, b, ldb, new StoredRows(c, ldc, rows, accumulate, last, epilogue, row0, residual));
            }
            return;
        }
        var stride = NR;
        var tile = stackalloc float[MR * 64];
        Accumulate(kc, a, b, ldb, new TileBuffer(tile));
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < cols; j++)
            {
                var value = tile[r * stride + j];
                var target = c + (long)r * ldc + j;
                if (accumulate)
                {
                    value += *target;
                }
                if (last)
                {
                    value = epilogue.Apply(value, row0 + r, residual == null ? 0f : residual[(long)r * ldc + j]);
                }
                *target = value;
            }
        }
    }

    /// <summary>Prefetches the NR floats of each of <paramref name="rows"/> rows of C, and of the residual when there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchRows(float* c, int ldc, int rows, float* residual)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        for (var r = 0; r < rows; r++)
        {
            var row = c + (long)r * ldc;
            Sse.Prefetch0(row);
            Sse.Prefetch0(row + NR - 1);
            if (residual != null)
            {
                Sse.Prefetch0(residual + (long)r * ldc);
                Sse.Prefetch0(residual + (long)r * ldc + NR - 1);
            }
        }
    }

    /// <summary>Adds bias and residual to one tile row, clamps it and stores it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRow(Vector<float> v0, Vector<float> v1, float* c, float bias, float* residual, Vector<float> low, Vector<float> high)
    {
        var w = Vector<float>.Count;
        var b = new Vector<float>(bias);
        v0 += b;
        v1 += b;
        if (residual != null)
        {
            v0 += Vector.Load(residual);
            v1 += Vector.Load(residual + w);
        }
        Vector.Store(Vector.Min(Vector.Max(v0, low), high), c);
        Vector.Store(Vector.Min(Vector.Max(v1, low), high), c + w);
    }

    /// <summary>
    /// The products of an MR x NR tile over kc steps of K, handed to <paramref name="sink"/>. A method of its own,
    /// specialised per sink, so that the twelve accumulators stay in vector registers for the whole loop. The sink
    /// comes by reference: copied by value it would be written field by field and read back in wider pieces, which
    /// stalls store forwarding on every call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void Accumulate<TSink>(int kc, float* a, float* b, int ldb, in TSink sink)
        where TSink : struct, ITileSink
    {
        var w = Vector<float>.Count;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        sink.Prefetch();
        for (var kk = 0; kk < kc; kk++)
        {
            var b0 = Vector.Load(b);
            var b1 = Vector.Load(b + w);
            var a0 = new Vector<float>(a[0]);
            c00 = Vector.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector.FusedMultiplyAdd(a0, b1, c01);
            a0 = new Vector<float>(a[1]);
            c10 = Vector.FusedMultiplyAdd(a0, b0, c10);
            c11 = Vector.FusedMultiplyAdd(a0, b1, c11);
            a0 = new Vector<float>(a[2]);
            c20 = Vector.FusedMultiplyAdd(a0, b0, c20);
            c21 = Vector.FusedMultiplyAdd(a0, b1, c21);
            a0 = new Vector<float>(a[3]);
            c30 = Vector.FusedMultiplyAdd(a0, b0, c30);
            c31 = Vector.FusedMultiplyAdd(a0, b1, c31);
            a0 = new Vector<float>(a[4]);
            c40 = Vector.FusedMultiplyAdd(a0, b0, c40);
            c41 = Vector.FusedMultiplyAdd(a0, b1, c41);
            a0 = new Vector<float>(a[5]);
            c50 = Vector.FusedMultiplyAdd(a0, b0, c50);
            c51 = Vector.FusedMultiplyAdd(a0, b1, c51);
            a += MR;
            b += ldb;
        }
        sink.Row(0, c00, c01);
        sink.Row(1, c10, c11);
        sink.Row(2, c20, c21);
        sink.Row(3, c30, c31);
        sink.Row(4, c40, c41);
        sink.Row(5, c50, c51);
    }

    /// <summary>Where <see cref="Accumulate{TSink}"/> puts each row of a finished tile.</summary>
    private interface ITileSink
    {
        /// <summary>
        /// Asks for the cache lines the rows will be stored to (and read from) while the products are computed: an
        /// output plane per row, often not in cache, would otherwise stall the stores at the end of every tile.
        /// </summary>
        void Prefetch();

        /// <summary>Takes row <paramref name="row"/> of the tile: its two vectors.</summary>
        void Row(int row, Vector<float> low, Vector<float> high);
    }

    /// <summary>Stores the rows into a tile buffer (MR rows of NR floats) for the caller to finish.</summary>
    private readonly struct TileBuffer(float* tile) : ITileSink
    {
        public void Prefetch()
        {
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(int row, Vector<float> low, Vector<float> high)
        {
            var target = tile + row * 2 * Vector<float>.Count;
            Vector.Store(low, target);
            Vector.Store(high, target + Vector<float>.Count);
        }
    }

    /// <summary>Finishes the rows straight into C (bias, residual, clamp): a whole tile whose K fits one block.</summary>
    private readonly struct FinishedRows(float* c, int ldc, float* bias, float low, float high, float* residual) : ITileSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Prefetch() => PrefetchRows(c, ldc, MR, residual);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(int row, Vector<float> first, Vector<float> second)
        {
            var offset = (long)row * ldc;
            FinishRow(first, second, c + offset, bias[row], residual == null ? null : residual + offset, new Vector<float>(low), new Vector<float>(high));
        }
    }

    /// <summary>
    /// Stores the first <c>rows</c> rows into C: added to what C holds when the tile continues an earlier block of
    /// K, finished (bias, residual, clamp) when the block ends K.
    /// </summary>
    private readonly struct StoredRows(float* c, int ldc, int rows, bool accumulate, bool last, Epilogue epilogue, int row0, float* residual) : ITileSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Prefetch() => PrefetchRows(c, ldc, rows, last ? residual : null);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(int row, Vector<float> first, Vector<float> second)
        {
            if (row >= rows)
            {
                return;
            }
            var w = Vector<float>.Count;
            var offset = (long)row * ldc;
            var target = c + offset;
            if (accumulate)
            {
                first += Vector.Load(target);
                second += Vector.Load(target + w);
            }
            if (last)
            {
                FinishRow(first, second, target, epilogue.Bias[row0 + row], residual == null ? null : residual + offset,
                    new Vector<float>(epilogue.Low), new Vector<float>(epilogue.High));
                return;
            }
            Vector.Store(first, target);
            Vector.Store(second, target + w);
        }
    }
}

/// <summary>
/// Where the micro-kernel finds the NR-column panels of a block of B: panel p starts a fixed panel stride
/// after panel p - 1, and each of its rows <see cref="RowStride"/> floats after the previous one. Packed
/// panels are dense ([KC][NR]); a row-major B whose panels are whole can be read in place.
/// </summary>
internal readonly unsafe struct PanelSource
{
    private readonly float* _start;
    private readonly long _panelStride;

    /// <summary>Describes panels starting at <paramref name="start"/>.</summary>
    public PanelSource(float* start, long panelStride, int rowStride)
    {
        _start = start;
        _panelStride = panelStride;
        RowStride = rowStride;
    }

    /// <summary>Floats from one row of a panel to the next.</summary>
    public int RowStride { get; }

    /// <summary>Panels packed by <see cref="PackedGemm.PackB"/> for a block of <paramref name="kc"/> rows.</summary>
    public static PanelSource Packed(float* packed, int kc) => new(packed, (long)kc * PackedGemm.NR, PackedGemm.NR);

    /// <summary>Rows k0.. of a row-major B with <paramref name="ldb"/> floats per row, from column <paramref name="n0"/>, read in place.</summary>
    public static PanelSource InPlace(float* b, int ldb, int k0, int n0) => new(b + (long)k0 * ldb + n0, PackedGemm.NR, ldb);

    /// <summary>The first float of panel <paramref name="panel"/>.</summary>
    public float* Panel(int panel) => _start + panel * _panelStride;
}
