using CnnPerf.Frameworks.Managed.Kernels;
using CnnPerf.Frameworks.Managed.Memory;
using CnnPerf.Frameworks.Managed.Threading;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>
/// Gemm / MatMul with constant weights: <c>y[m, n] = clamp(dot(x[m], W[n]) + bias[n])</c>, W stored [N, K]
/// (transposed at planning when the model stores it [K, N]; alpha and beta folded in). Items are blocks of outputs.
/// </summary>
internal sealed unsafe class FullyConnectedLayer : Layer, IParallelWork
{
    private const int OutputsPerItem = 32;

    private readonly NativeBuffer _weights;
    private readonly NativeBuffer _bias;
    private readonly int _rows;
    private readonly int _depth;
    private readonly int _outputs;
    private readonly Activation _activation;
    private float* _input;
    private float* _output;

    /// <summary>Multiplies <paramref name="rows"/> rows of <paramref name="depth"/> inputs by <paramref name="weights"/> ([outputs, depth]).</summary>
    public FullyConnectedLayer(string nodeName, string opType, float[] weights, float[] bias, int rows, int depth, int outputs, Activation activation, int input, int output)
        : base(nodeName, opType, [input], output)
    {
        _weights = NativeBuffer.From(weights);
        _bias = NativeBuffer.From(bias);
        _rows = rows;
        _depth = depth;
        _outputs = outputs;
        _activation = activation;
    }

    /// <inheritdoc />
    public override long WeightFloats => _weights.Length + _bias.Length;

    /// <inheritdoc />
    public override void Execute(ExecutionContext context)
    {
        _input = context[Inputs[0]];
        _output = context[Output];
        context.Pool.Run(this, PackedGemm.PanelCount(_outputs, OutputsPerItem));
    }

    /// <inheritdoc />
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Execute(int item, int worker)
    {
        var end = Math.Min(_outputs, (item + 1) * OutputsPerItem);
        var dots = stackalloc float[4];
        for (var m = 0; m < _rows; m++)
        {
            var input = _input + (long)m * _depth;
            var output = _output + (long)m * _outputs;
            var n = item * OutputsPerItem;
            for (; n + 4 <= end; n += 4)
            {
                VectorMath.Dot4(input, _weights.Pointer + (long)n * _depth, _depth, _depth, dots);
                for (var j = 0; j < 4; j++)
                {
                    output[n + j] = Finish(dots[j], n + j);
                }
            }
            for (; n < end; n++)
            {
                output[n] = Finish(VectorMath.Dot(input, _weights.Pointer + (long)n * _depth, _depth), n);
            }
        }
    }

    private float Finish(float dot, int n) => Math.Min(Math.Max(dot + _bias.Pointer[n], _activation.Low), _activation.High);

    /// <inheritdoc />
    public override void Dispose()
    {
        _weights.Dispose();
        _bias.Dispose();
    }
}
