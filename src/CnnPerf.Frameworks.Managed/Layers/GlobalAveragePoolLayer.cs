using CnnPerf.Frameworks.Managed.Kernels;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>GlobalAveragePool: the mean of each (image, channel) plane.</summary>
internal sealed unsafe class GlobalAveragePoolLayer(string nodeName, int planes, int planeSize, int input, int output)
    : Layer(nodeName, "GlobalAveragePool", [input], output)
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(ExecutionContext context)
    {
        var source = context[Inputs[0]];
        var destination = context[Output];
        for (var p = 0; p < planes; p++)
        {
            destination[p] = VectorMath.Sum(source + (long)p * planeSize, planeSize) / planeSize;
        }
    }
}
