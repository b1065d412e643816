using CnnPerf.Frameworks.Managed.Kernels;
using CnnPerf.Frameworks.Managed.Memory;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>
/// A per-channel affine map with a clamp: a BatchNormalization that follows no convolution (folded to scale and
/// shift), a standalone Relu or Clip (scale 1, shift 0).
/// </summary>
internal sealed unsafe class ScaleShiftLayer : Layer
{
    private readonly NativeBuffer _scale;
    private readonly NativeBuffer _shift;
    private readonly int _outer;
    private readonly int _inner;
    private readonly Activation _activation;

    /// <summary>
    /// Applies <c>clamp(x * scale[c] + shift[c])</c> over a tensor seen as [outer, channels, inner].
    /// </summary>
    public ScaleShiftLayer(string nodeName, string opType, float[] scale, float[] shift, int outer, int inner, Activation activation, int input, int output)
        : base(nodeName, opType, [input], output)
    {
        _scale = NativeBuffer.From(scale);
        _shift = NativeBuffer.From(shift);
        _outer = outer;
        _inner = inner;
        _activation = activation;
    }

    /// <inheritdoc />
    public override long WeightFloats => _scale.Length + _shift.Length;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(ExecutionContext context)
    {
        var source = context[Inputs[0]];
        var destination = context[Output];
        var channels = (int)_scale.Length;
        for (var o = 0; o < _outer; o++)
        {
            for (var c = 0; c < channels; c++)
            {
                var offset = ((long)o * channels + c) * _inner;
                VectorMath.ScaleShiftClamp(source + offset, destination + offset, _inner, _scale.Pointer[c], _shift.Pointer[c], _activation);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _scale.Dispose();
        _shift.Dispose();
    }
}
