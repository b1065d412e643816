using CnnPerf.Frameworks.Managed.Kernels;

namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>A convolution with its folded batch-norm, fused residual add and activation, for a batch of images.</summary>
internal sealed unsafe class ConvolutionLayer : Layer
{
    private readonly int _batch;
    private readonly int _residual;

    /// <summary>Binds <paramref name="kernel"/> to input, optional residual (-1 for none) and output values.</summary>
    public ConvolutionLayer(string nodeName, string opType, ConvolutionKernel kernel, int batch, int input, int residual, int output)
        : base(nodeName, opType, residual >= 0 ? [input, residual] : [input], output)
    {
        Kernel = kernel;
        _batch = batch;
        _residual = residual;
    }

    /// <summary>The technique's kernel.</summary>
    public ConvolutionKernel Kernel { get; }

    /// <inheritdoc />
    public override long WeightFloats => Kernel.WeightFloats;

    /// <inheritdoc />
    public override long ScratchFloats => Kernel.ScratchFloats;

    /// <inheritdoc />
    public override long SharedScratchFloats => Kernel.SharedScratchFloats;

    /// <inheritdoc />
    public override void Execute(ExecutionContext context)
    {
        var g = Kernel.Geometry;
        var inputSize = (long)g.InChannels * g.InPlane;
        var outputSize = (long)g.OutChannels * g.OutPlane;
        for (var n = 0; n < _batch; n++)
        {
            var residual = _residual >= 0 ? context[_residual] + n * outputSize : null;
            Kernel.Run(context[Inputs[0]] + n * inputSize, context[Output] + n * outputSize, residual, context.Pool, context.Scratch);
        }
    }

    /// <inheritdoc />
    public override void Dispose() => Kernel.Dispose();
}
