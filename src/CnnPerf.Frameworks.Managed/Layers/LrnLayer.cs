using CnnPerf.Frameworks.Managed.Threading;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>
/// Local response normalisation across channels (ONNX LRN):
/// <c>y = x / (bias + alpha / size * sum of x^2 over the channel window) ^ beta</c>. Items are (image, channel).
/// </summary>
internal sealed unsafe class LrnLayer(string nodeName, int batch, int channels, int plane, int size, float alpha, float beta, float bias, int input, int output)
    : Layer(nodeName, "LRN", [input], output), IParallelWork
{
    private float* _input;
    private float* _output;

    /// <inheritdoc />
    public override void Execute(ExecutionContext context)
    {
        _input = context[Inputs[0]];
        _output = context[Output];
        context.Pool.Run(this, batch * channels);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Execute(int item, int worker)
    {
        var n = item / channels;
        var c = item % channels;
        var first = Math.Max(0, c - (size - 1) / 2);
        var last = Math.Min(channels - 1, c + size / 2);
        var image = _input + (long)n * channels * plane;
        var source = image + (long)c * plane;
        var destination = _output + (long)item * plane;
        var scale = alpha / size;
        for (var p = 0; p < plane; p++)
        {
            var sum = 0f;
            for (var k = first; k <= last; k++)
            {
                var v = image[(long)k * plane + p];
                sum += v * v;
            }
            destination[p] = source[p] / MathF.Pow(bias + scale * sum, beta);
        }
    }
}
