using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>Softmax over one axis of a tensor seen as [outer, axis, inner], numerically stable (max subtracted).</summary>
internal sealed unsafe class SoftmaxLayer(string nodeName, int outer, int axis, int inner, int input, int output)
    : Layer(nodeName, "Softmax", [input], output)
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(ExecutionContext context)
    {
        var source = context[Inputs[0]];
        var destination = context[Output];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var s = source + (long)o * axis * inner + i;
                var d = destination + (long)o * axis * inner + i;
                var max = float.NegativeInfinity;
                for (var a = 0; a < axis; a++)
                {
                    max = Math.Max(max, s[a * inner]);
                }
                var sum = 0f;
                for (var a = 0; a < axis; a++)
                {
                    var e = MathF.Exp(s[a * inner] - max);
                    d[a * inner] = e;
                    sum += e;
                }
                for (var a = 0; a < axis; a++)
                {
                    d[a * inner] /= sum;
                }
            }
        }
    }
}
