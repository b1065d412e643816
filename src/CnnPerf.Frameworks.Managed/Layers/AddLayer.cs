using CnnPerf.Frameworks.Managed.Kernels;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>
/// Element-wise Add with numpy broadcasting and a fused activation. Equal shapes take the vector path; other
/// shapes index through precomputed broadcast strides.
/// </summary>
internal sealed unsafe class AddLayer : Layer
{
    private readonly int[] _shape;
    private readonly int[] _stridesA;
    private readonly int[] _stridesB;
    private readonly bool _sameShape;
    private readonly Activation _activation;

    /// <summary>Adds values <paramref name="a"/> and <paramref name="b"/> of the given shapes into the broadcast shape.</summary>
    public AddLayer(string nodeName, string opType, int a, int[] shapeA, int b, int[] shapeB, int[] outputShape, Activation activation, int output)
        : base(nodeName, opType, [a, b], output)
    {
        _shape = outputShape;
        _sameShape = shapeA.AsSpan().SequenceEqual(shapeB) && shapeA.AsSpan().SequenceEqual(outputShape);
        _stridesA = BroadcastStrides(shapeA, outputShape);
        _stridesB = BroadcastStrides(shapeB, outputShape);
        _activation = activation;
    }

    /// <summary>The broadcast result shape of two shapes, or null when they are incompatible.</summary>
    public static int[]? BroadcastShape(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                return null;
            }
            result[i] = Math.Max(da, db);
        }
        return result;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(ExecutionContext context)
    {
        float* a = context[Inputs[0]], b = context[Inputs[1]], output = context[Output];
        var count = 1;
        foreach (var d in _shape)
        {
            count *= d;
        }
        if (_sameShape)
        {
            VectorMath.AddClamp(a, b, output, count, _activation);
            return;
        }
        for (var i = 0; i < count; i++)
        {
            int rest = i, ia = 0, ib = 0;
            for (var d = _shape.Length - 1; d >= 0; d--)
            {
                var coordinate = rest % _shape[d];
                rest /= _shape[d];
                ia += coordinate * _stridesA[d];
                ib += coordinate * _stridesB[d];
            }
            output[i] = Math.Min(Math.Max(a[ia] + b[ib], _activation.Low), _activation.High);
        }
    }

    private static int[] BroadcastStrides(int[] shape, int[] outputShape)
    {
        var strides = new int[outputShape.Length];
        var stride = 1;
        for (var i = outputShape.Length - 1; i >= 0; i--)
        {
            var j = i - (outputShape.Length - shape.Length);
            var dimension = j >= 0 ? shape[j] : 1;
            strides[i] = dimension == 1 ? 0 : stride;
            stride *= dimension;
        }
        return strides;
    }
}
