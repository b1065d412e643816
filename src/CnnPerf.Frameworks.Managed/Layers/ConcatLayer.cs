using System.Runtime.CompilerServices;
using CnnPerf.Frameworks.Managed.Threading;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>
/// Concat: copies each input's contiguous chunk per outer index (the dimensions before the axis). Items are
/// pieces of at most <see cref="PieceFloats"/> floats of those chunks, so that every thread of the pool copies.
/// Planned only where the inputs cannot be computed in place (an input that something else reads too, a batch
/// of several images): otherwise the planner lets each input's layer write straight into the output.
/// </summary>
internal sealed unsafe class ConcatLayer : Layer, IParallelWork
{
    /// <summary>Floats copied by one item at most (64 KiB).</summary>
    private const int PieceFloats = 16 * 1024;

    private readonly int[] _chunkSizes;
    private readonly int _outer;
    private readonly int _outputChunk;
    private readonly int[] _pieces;
    private readonly int _piecesPerOuter;
    private ExecutionContext? _context;

    /// <summary>Concatenates <paramref name="inputs"/>, whose chunks hold <paramref name="chunkSizes"/> floats, <paramref name="outer"/> times.</summary>
    public ConcatLayer(string nodeName, int[] inputs, int[] chunkSizes, int outer, int output)
        : base(nodeName, "Concat", inputs, output)
    {
        _chunkSizes = chunkSizes;
        _outer = outer;
        _outputChunk = chunkSizes.Sum();
        _pieces = chunkSizes.Select(size => Math.Max(1, (size + PieceFloats - 1) / PieceFloats)).ToArray();
        _piecesPerOuter = _pieces.Sum();
    }

    /// <inheritdoc />
    public override void Execute(ExecutionContext context)
    {
        _context = context;
        context.Pool.Run(this, _outer * _piecesPerOuter);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Execute(int item, int worker)
    {
        var context = _context!;
        var o = item / _piecesPerOuter;
        var piece = item % _piecesPerOuter;
        var input = 0;
        var offset = 0;
        while (piece >= _pieces[input])
        {
            piece -= _pieces[input];
            offset += _chunkSizes[input];
            input++;
        }
        var size = _chunkSizes[input];
        var start = piece * PieceFloats;
        var count = Math.Min(PieceFloats, size - start);
        if (count <= 0)
        {
            return;
        }
        var source = context[Inputs[input]] + (long)o * size + start;
        var destination = context[Output] + (long)o * _outputChunk + offset + start;
        Buffer.MemoryCopy(source, destination, (long)count * sizeof(float), (long)count * sizeof(float));
    }
}
