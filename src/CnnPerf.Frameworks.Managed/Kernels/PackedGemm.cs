using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// Single-precision GEMM on packed operands: C[M,N] = A[M,K] * B[K,N], with a register-blocked micro-kernel of
/// <see cref="MR"/> rows by <see cref="NR"/> columns (two <see cref="Vector{T}"/> per row: AVX2/AVX-512 on
/// x86-64, AdvSimd on arm64), fused multiply-add where the CPU has it.
/// A is packed once (weights) into panels of MR rows laid out [K][MR]; B is packed per block into panels of
/// NR columns laid out [KC][NR], or read where it lies, row by row or through a table of row offsets (<see cref="PanelSource"/>);
/// missing rows and columns are zero padded. Tiles narrower than NR are stored with masks on AVX.
/// Where 512-bit vectors are fast (AVX-512 without a clock penalty) and <see cref="Vector{T}"/> is 256 bits, each
/// tile row is one 512-bit vector and A's element comes as the multiply-add's embedded broadcast (see <see cref="WideRows"/>).
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

    /// <summary>Whether this machine can hold a tile row (NR floats) in one hardware-accelerated 512-bit vector.</summary>
    public static bool WideRowsSupported => Vector512.IsHardwareAccelerated && Vector<float>.Count == Vector256<float>.Count;

    /// <summary>
    /// Whether the micro-kernel keeps each tile row in one 512-bit vector (the default where
    /// <see cref="WideRowsSupported"/>) rather than in two <see cref="Vector{T}"/>. The products are the same; one
    /// multiply-add with an embedded broadcast replaces a broadcast and two multiply-adds, half the instructions per
    /// step of K. On a core whose front end is shared with another hardware thread that is what limits the kernel:
    /// 1000 x 169 x 512, one thread, in such a stretch 67 GFLOPS with 256-bit rows, 90 with 512-bit rows; on a
    /// quiet core both reach 106. Can be turned off (to compare the two, or to test the 256-bit path); setting it
    /// where it is not supported has no effect.
    /// </summary>
    internal static bool WideRows
    {
        get => s_wideRows;
        set => s_wideRows = value && WideRowsSupported;
    }

    private static bool s_wideRows = WideRowsSupported;

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
        var tiles = new TileRange(packedA + (long)k0 * MR, k, kc, k0 > 0, k0 + kc == k, s_wideRows);
        for (var block = m0; block < m1; block += MC)
        {
            var blockEnd = Math.Min(m1, block + MC);
            for (var panelB = 0; panelB < PanelCount(cols, nr); panelB++)
            {
                var column = n0 + panelB * nr;
                var width = Math.Min(nr, cols - panelB * nr);
                var panel = b.Panel(panelB);
                var target = c + column;
                var residualColumn = residual == null ? null : residual + column;
                if (b.RowOffsets == null)
                {
                    Sweep<StridedRows>(tiles, panel, b.RowStride(panelB), block, blockEnd, width, target, ldc, epilogue, residualColumn);
                }
                else
                {
                    Sweep<OffsetRows>(tiles, panel, (nint)b.RowOffsets, block, blockEnd, width, target, ldc, epilogue, residualColumn);
                }
            }
        }
    }

    /// <summary>The tiles of rows block..blockEnd of C in one column panel, each an MR x NR tile over kc steps of K.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sweep<TRows>(in TileRange tiles, float* b, nint layout, int block, int blockEnd, int width, float* c, int ldc, in Epilogue epilogue,
        float* residual)
        where TRows : struct, IPanelRows
    {
        for (var row = block; row < blockEnd; row += MR)
        {
            var offset = (long)row * ldc;
            MicroKernel<TRows>(tiles, tiles.A + (long)row * tiles.K, b, layout, c + offset, ldc, Math.Min(MR, blockEnd - row), width, epilogue, row,
                residual == null ? null : residual + offset);
        }
    }

    /// <summary>One MR x NR tile of C over the tile range's steps of K, from the B panel at <paramref name="b"/> laid out as <typeparamref name="TRows"/> says.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel<TRows>(in TileRange tiles, float* a, float* b, nint layout, float* c, int ldc, int rows, int cols,
        in Epilogue epilogue, int row0, float* residual)
        where TRows : struct, IPanelRows
    {
        var kc = tiles.Steps;
        if (cols == 1 && Avx.IsSupported && Vector<float>.Count == Vector256<float>.Count)
        {
            SingleColumn<TRows>(tiles, a, b, layout, c, ldc, rows, epilogue, row0, residual);
            return;
        }
        if (cols == NR)
        {
            // Full-width tiles go from the registers straight into C, also when the tile has fewer than MR rows.
            if (rows == MR && !tiles.Accumulate && tiles.Last)
            {
                Accumulate<TRows, FinishedRows>(tiles.WideRows, kc, a, b, layout, new FinishedRows(c, ldc, epilogue.Bias + row0, epilogue.Low, epilogue.High, residual));
            }
            else
            {
                Accumulate<TRows, StoredRows<WholeLanes>>(tiles.WideRows, kc, a, b, layout,
                    new StoredRows<WholeLanes>(c, ldc, rows, tiles.Accumulate, tiles.Last, epilogue, row0, residual, default));
            }
            return;
        }
        if (Avx.IsSupported && Vector<float>.Count == Vector256<float>.Count)
        {
            // A ragged tile (the end of a row of outputs) is stored with masks: lanes past the tile are left alone.
            var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            var width = Vector256.Create(cols);
            var masks = new MaskedLanes(Vector256.LessThan(lanes, width).AsSingle(), Vector256.LessThan(lanes + Vector256.Create(8), width).AsSingle());
            Accumulate<TRows, StoredRows<MaskedLanes>>(tiles.WideRows, kc, a, b, layout,
                new StoredRows<MaskedLanes>(c, ldc, rows, tiles.Accumulate, tiles.Last, epilogue, row0, residual, masks));
            return;
        }
        // Without AVX a ragged tile goes through a buffer and is finished float by float.
        var stride = NR;
        var tile = stackalloc float[MR * 64];
        Accumulate<TRows, TileBuffer>(tiles.WideRows, kc, a, b, layout, new TileBuffer(tile));
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < cols; j++)
            {
                var value = tile[r * stride + j];
                var target = c + (long)r * ldc + j;
                if (tiles.Accumulate)
                {
                    value += *target;
                }
                if (tiles.Last)
                {
                    value = epilogue.Apply(value, row0 + r, residual == null ? 0f : residual[(long)r * ldc + j]);
                }
                *target = value;
            }
        }
    }

    /// <summary>
    /// A tile one column wide (a row of 49 outputs ends in one): the MR products as one vector of A's packed
    /// elements times B's single element per step of K, four steps in flight, instead of a whole tile's work for one
    /// useful lane (1280 x 49 x 320: the last panel cost as much as each of the three others).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SingleColumn<TRows>(in TileRange tiles, float* a, float* panel, nint layout, float* c, int ldc, int rows, in Epilogue epilogue,
        int row0, float* residual)
        where TRows : struct, IPanelRows
    {
        var mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(MR)).AsSingle();
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        var kc = tiles.Steps;
        var kk = 0;
        for (; kk + 4 <= kc; kk += 4)
        {
            s0 = Vector256.FusedMultiplyAdd(MaskedLoad(a, mask), Vector256.Create(*TRows.Row(panel, layout, kk)), s0);
            s1 = Vector256.FusedMultiplyAdd(MaskedLoad(a + MR, mask), Vector256.Create(*TRows.Row(panel, layout, kk + 1)), s1);
            s2 = Vector256.FusedMultiplyAdd(MaskedLoad(a + 2 * MR, mask), Vector256.Create(*TRows.Row(panel, layout, kk + 2)), s2);
            s3 = Vector256.FusedMultiplyAdd(MaskedLoad(a + 3 * MR, mask), Vector256.Create(*TRows.Row(panel, layout, kk + 3)), s3);
            a += 4 * MR;
        }
        for (; kk < kc; kk++)
        {
            s0 = Vector256.FusedMultiplyAdd(MaskedLoad(a, mask), Vector256.Create(*TRows.Row(panel, layout, kk)), s0);
            a += MR;
        }
        var sums = s0 + s1 + (s2 + s3);
        for (var r = 0; r < rows; r++)
        {
            var target = c + (long)r * ldc;
            var value = sums.GetElement(r);
            if (tiles.Accumulate)
            {
                value += *target;
            }
            if (tiles.Last)
            {
                value = epilogue.Apply(value, row0 + r, residual == null ? 0f : residual[(long)r * ldc]);
            }
            *target = value;
        }
    }

    /// <summary>Loads the lanes of <paramref name="mask"/> (the others are zero and not read): with a mask register where AVX-512 has one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MaskedLoad(float* address, Vector256<float> mask) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.MaskLoad(address, mask, Vector256<float>.Zero) : Avx.MaskLoad(address, mask);

    /// <summary>Stores the lanes of <paramref name="mask"/> (nothing else is written): with a mask register where AVX-512 has one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaskedStore(float* address, Vector256<float> mask, Vector256<float> value)
    {
        if (Avx512F.VL.IsSupported)
        {
            Avx512F.VL.MaskStore(address, mask, value);
        }
        else
        {
            Avx.MaskStore(address, mask, value);
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

    /// <summary>Adds bias and residual to one tile row, clamps it and stores it, reading and writing the lanes <paramref name="lanes"/> covers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRow<TLanes>(in TLanes lanes, Vector<float> v0, Vector<float> v1, float* c, float bias, float* residual,
        Vector<float> low, Vector<float> high)
        where TLanes : struct, ITileLanes
    {
        var b = new Vector<float>(bias);
        v0 += b;
        v1 += b;
        if (residual != null)
        {
            v0 += lanes.Load(residual, high: false);
            v1 += lanes.Load(residual, high: true);
        }
        lanes.Store(c, high: false, VectorMath.Clamp(v0, low, high));
        lanes.Store(c, high: true, VectorMath.Clamp(v1, low, high));
    }

    /// <summary>Adds bias and residual to one whole tile row held in a 512-bit vector, clamps it and stores it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishWideRow(Vector512<float> values, float* c, float bias, float* residual, float low, float high)
    {
        values += Vector512.Create(bias);
        if (residual != null)
        {
            values += Vector512.Load(residual);
        }
        VectorMath.Clamp(values, Vector512.Create(low), Vector512.Create(high)).Store(c);
    }

    /// <summary>
    /// The products of an MR x NR tile over kc steps of K (row kk of B where <typeparamref name="TRows"/> finds it
    /// in <paramref name="panel"/>), handed to <paramref name="sink"/>: with one 512-bit vector per row when
    /// <paramref name="wide"/> (see <see cref="WideRows"/>), with two <see cref="Vector{T}"/> otherwise. Each loop is
    /// a method of its own, specialised per sink, so that the accumulators stay in vector registers for the whole
    /// loop. The sink comes by reference: copied by value it would be written field by field and read back in wider
    /// pieces, which stalls store forwarding on every call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TRows, TSink>(bool wide, int kc, float* a, float* panel, nint layout, in TSink sink)
        where TRows : struct, IPanelRows
        where TSink : struct, ITileSink
    {
        if (Vector512.IsHardwareAccelerated && wide)
        {
            AccumulateWideRows<TRows, TSink>(kc, a, panel, layout, sink);
        }
        else
        {
            AccumulateVectorPairs<TRows, TSink>(kc, a, panel, layout, sink);
        }
    }

    /// <summary>The loop of <see cref="Accumulate{TRows, TSink}"/> with one 512-bit vector per tile row (six accumulators).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void AccumulateWideRows<TRows, TSink>(int kc, float* a, float* panel, nint layout, in TSink sink)
        where TRows : struct, IPanelRows
        where TSink : struct, ITileSink
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        sink.Prefetch();
        for (var kk = 0; kk < kc; kk++)
        {
            var b = Vector512.Load(TRows.Row(panel, layout, kk));
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), b, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), b, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), b, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), b, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), b, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), b, c5);
            a += MR;
        }
        sink.WideRow(0, c0);
        sink.WideRow(1, c1);
        sink.WideRow(2, c2);
        sink.WideRow(3, c3);
        sink.WideRow(4, c4);
        sink.WideRow(5, c5);
    }

    /// <summary>The loop of <see cref="Accumulate{TRows, TSink}"/> with two <see cref="Vector{T}"/> per tile row (twelve accumulators).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void AccumulateVectorPairs<TRows, TSink>(int kc, float* a, float* panel, nint layout, in TSink sink)
        where TRows : struct, IPanelRows
        where TSink : struct, ITileSink
    {
        var w = Vector<float>.Count;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        sink.Prefetch();
        for (var kk = 0; kk < kc; kk++)
        {
            var b = TRows.Row(panel, layout, kk);
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
        }
        sink.Row(0, c00, c01);
        sink.Row(1, c10, c11);
        sink.Row(2, c20, c21);
        sink.Row(3, c30, c31);
        sink.Row(4, c40, c41);
        sink.Row(5, c50, c51);
    }

    /// <summary>The K steps of one call of <see cref="Multiply"/>: where its block of packed A starts, K, the steps, how C is updated and the row width.</summary>
    private readonly struct TileRange(float* a, int k, int steps, bool accumulate, bool last, bool wideRows)
    {
        /// <summary>Packed A advanced to the first step (the panel of rows r.. starts r * K floats later).</summary>
        public float* A { get; } = a;

        /// <summary>The full reduction length (the packed panels' length).</summary>
        public int K { get; } = k;

        /// <summary>Steps of K in the block.</summary>
        public int Steps { get; } = steps;

        /// <summary>Whether the products are added to what C holds (the block does not start K).</summary>
        public bool Accumulate { get; } = accumulate;

        /// <summary>Whether the block ends K (the epilogue is applied).</summary>
        public bool Last { get; } = last;

        /// <summary>Whether tile rows are 512-bit vectors (<see cref="WideRows"/> when the multiplication started).</summary>
        public bool WideRows { get; } = wideRows;
    }

    /// <summary>
    /// Where <see cref="Accumulate{TRows, TSink}"/> finds row kk of a B panel. Static, with the layout as a plain
    /// value, so that the loop keeps everything in registers.
    /// </summary>
    private interface IPanelRows
    {
        /// <summary>The NR floats of row <paramref name="kk"/> of the panel at <paramref name="panel"/>.</summary>
        static abstract float* Row(float* panel, nint layout, int kk);
    }

    /// <summary>Rows a fixed stride (the layout) apart: a packed panel, or a row-major B read in place.</summary>
    private readonly struct StridedRows : IPanelRows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float* Row(float* panel, nint layout, int kk) => panel + kk * layout;
    }

    /// <summary>Rows at offsets from a table (the layout points to it): an implicit im2col matrix in a padded copy of the input.</summary>
    private readonly struct OffsetRows : IPanelRows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float* Row(float* panel, nint layout, int kk) => panel + ((int*)layout)[kk];
    }

    /// <summary>Where <see cref="Accumulate{TRows, TSink}"/> puts each row of a finished tile.</summary>
    private interface ITileSink
    {
        /// <summary>
        /// Asks for the cache lines the rows will be stored to (and read from) while the products are computed: an
        /// output plane per row, often not in cache, would otherwise stall the stores at the end of every tile.
        /// </summary>
        void Prefetch();

        /// <summary>Takes row <paramref name="row"/> of the tile: its two vectors.</summary>
        void Row(int row, Vector<float> low, Vector<float> high);

        /// <summary>Takes row <paramref name="row"/> of the tile held in one 512-bit vector (see <see cref="WideRows"/>).</summary>
        void WideRow(int row, Vector512<float> values);
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

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WideRow(int row, Vector512<float> values) => values.Store(tile + row * Vector512<float>.Count);
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
            FinishRow(default(WholeLanes), first, second, c + offset, bias[row], residual == null ? null : residual + offset, new Vector<float>(low),
                new Vector<float>(high));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WideRow(int row, Vector512<float> values)
        {
            var offset = (long)row * ldc;
            FinishWideRow(values, c + offset, bias[row], residual == null ? null : residual + offset, low, high);
        }
    }

    /// <summary>How a tile row's two vectors are read from and written to C (and read from the residual).</summary>
    private interface ITileLanes
    {
        /// <summary>The first (<paramref name="high"/> false) or second vector of the row at <paramref name="row"/>.</summary>
        Vector<float> Load(float* row, bool high);

        /// <summary>Writes the first or second vector of the row at <paramref name="row"/>.</summary>
        void Store(float* row, bool high, Vector<float> value);
    }

    /// <summary>All NR lanes of a full-width tile.</summary>
    private readonly struct WholeLanes : ITileLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Load(float* row, bool high) => Vector.Load(high ? row + Vector<float>.Count : row);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(float* row, bool high, Vector<float> value) => Vector.Store(value, high ? row + Vector<float>.Count : row);
    }

    /// <summary>
    /// The lanes of a tile narrower than NR, on AVX with 8-float vectors: loads and stores are masked, so nothing past
    /// the tile is read or written. With AVX-512 the masks go to mask registers: AVX's own masked store is many
    /// times slower on some CPUs (1280 x 49 x 320 with its one-lane last panel stored with masks: 629 us with AVX's,
    /// 540 us with mask registers, 527 us for 64 columns).
    /// </summary>
    private readonly struct MaskedLanes(Vector256<float> lowMask, Vector256<float> highMask) : ITileLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Load(float* row, bool high) =>
            (high ? MaskedLoad(row + Vector256<float>.Count, highMask) : MaskedLoad(row, lowMask)).AsVector();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(float* row, bool high, Vector<float> value)
        {
            if (high)
            {
                MaskedStore(row + Vector256<float>.Count, highMask, value.AsVector256());
            }
            else
            {
                MaskedStore(row, lowMask, value.AsVector256());
            }
        }
    }

    /// <summary>
    /// Stores the first <c>rows</c> rows into C: added to what C holds when the tile continues an earlier block of
    /// K, finished (bias, residual, clamp) when the block ends K; reading and writing the lanes <typeparamref name="TLanes"/> covers.
    /// </summary>
    private readonly struct StoredRows<TLanes>(float* c, int ldc, int rows, bool accumulate, bool last, Epilogue epilogue, int row0, float* residual,
        TLanes lanes) : ITileSink
        where TLanes : struct, ITileLanes
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
            var offset = (long)row * ldc;
            var target = c + offset;
            if (accumulate)
            {
                first += lanes.Load(target, high: false);
                second += lanes.Load(target, high: true);
            }
            if (last)
            {
                FinishRow(lanes, first, second, target, epilogue.Bias[row0 + row], residual == null ? null : residual + offset,
                    new Vector<float>(epilogue.Low), new Vector<float>(epilogue.High));
                return;
            }
            lanes.Store(target, high: false, first);
            lanes.Store(target, high: true, second);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WideRow(int row, Vector512<float> values)
        {
            if (typeof(TLanes) != typeof(WholeLanes))
            {
                Row(row, values.GetLower().AsVector(), values.GetUpper().AsVector());
                return;
            }
            if (row >= rows)
            {
                return;
            }
            var offset = (long)row * ldc;
            var target = c + offset;
            if (accumulate)
            {
                values += Vector512.Load(target);
            }
            if (last)
            {
                FinishWideRow(values, target, epilogue.Bias[row0 + row], residual == null ? null : residual + offset, epilogue.Low, epilogue.High);
                return;
            }
            values.Store(target);
        }
    }
}

/// <summary>
/// Where the micro-kernel finds the NR-column panels of a block of B. Packed panels are dense ([KC][NR]), one
/// after another. A row-major B can be read in place: its whole panels lie NR floats apart, each row of a panel
/// <c>ldb</c> floats after the previous one, and a ragged last panel is packed into a buffer of its own, so that
/// one sweep over A serves every panel. An implicit im2col matrix lies in a padded copy of the input: panel p
/// starts NR floats after panel p - 1 and row kk of every panel lies a tabled offset after the panel's start.
/// </summary>
internal readonly unsafe struct PanelSource
{
    private readonly float* _start;
    private readonly long _panelStride;
    private readonly int _rowStride;
    private readonly int _wholePanels;
    private readonly float* _tail;

    private PanelSource(float* start, long panelStride, int rowStride, int wholePanels, float* tail, int* rowOffsets)
    {
        _start = start;
        _panelStride = panelStride;
        _rowStride = rowStride;
        _wholePanels = wholePanels;
        _tail = tail;
        RowOffsets = rowOffsets;
    }

    /// <summary>Panels packed by <see cref="PackedGemm.PackB"/> for a block of <paramref name="kc"/> rows.</summary>
    public static PanelSource Packed(float* packed, int kc) => new(packed, (long)kc * PackedGemm.NR, PackedGemm.NR, int.MaxValue, null, null);

    /// <summary>
    /// Rows k0.. of a row-major B with <paramref name="ldb"/> floats per row, from column <paramref name="n0"/>:
    /// the first <paramref name="wholePanels"/> panels read in place, the one after them from the packed
    /// <paramref name="tail"/>.
    /// </summary>
    public static PanelSource InPlace(float* b, int ldb, int k0, int n0, int wholePanels, float* tail) =>
        new(b + (long)k0 * ldb + n0, PackedGemm.NR, ldb, wholePanels, tail, null);

    /// <summary>
    /// Panels from <paramref name="origin"/> on, NR floats apart, whose row kk lies <paramref name="rowOffsets"/>[kk]
    /// floats after the panel's start (the table advanced to the block's first row).
    /// </summary>
    public static PanelSource Offsets(float* origin, int* rowOffsets) => new(origin, PackedGemm.NR, 0, int.MaxValue, null, rowOffsets);

    /// <summary>The row offsets of an implicit matrix, or null when rows lie <see cref="RowStride"/> apart.</summary>
    public int* RowOffsets { get; }

    /// <summary>The first float of panel <paramref name="panel"/>.</summary>
    public float* Panel(int panel) => panel < _wholePanels ? _start + panel * _panelStride : _tail;

    /// <summary>Floats from one row of panel <paramref name="panel"/> to the next.</summary>
    public int RowStride(int panel) => panel < _wholePanels ? _rowStride : PackedGemm.NR;
}
