using CnnPerf.Frameworks.Managed.Kernels;
using CnnPerf.Frameworks.Managed.Threading;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>MaxPool or AveragePool; items are (image, channel) planes.</summary>
internal sealed unsafe class PoolingLayer(string nodeName, string opType, PoolingGeometry geometry, int batch, int input, int output)
    : Layer(nodeName, opType, [input], output), IParallelWork
{
    private float* _input;
    private float* _output;

    /// <summary>The pooling shape.</summary>
    public PoolingGeometry Geometry { get; } = geometry;

    /// <inheritdoc />
    public override void Execute(ExecutionContext context)
    {
        _input = context[Inputs[0]];
        _output = context[Output];
        context.Pool.Run(this, batch * Geometry.Channels);
    }

    /// <inheritdoc />
    public void Execute(int item, int worker) =>
        Pooling.Plane(Geometry, _input + (long)item * Geometry.InHeight * Geometry.InWidth, _output + (long)item * Geometry.OutHeight * Geometry.OutWidth);
}
