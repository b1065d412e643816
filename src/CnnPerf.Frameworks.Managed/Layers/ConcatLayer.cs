using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>Concat: copies each input's contiguous chunk per outer index (the dimensions before the axis).</summary>
internal sealed unsafe class ConcatLayer(string nodeName, int[] inputs, int[] chunkSizes, int outer, int output)
    : Layer(nodeName, "Concat", inputs, output)
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(ExecutionContext context)
    {
        var destination = context[Output];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < Inputs.Length; i++)
            {
                var size = chunkSizes[i];
                var source = context[Inputs[i]] + (long)o * size;
                Buffer.MemoryCopy(source, destination, (long)size * sizeof(float), (long)size * sizeof(float));
                destination += size;
            }
        }
    }
}
