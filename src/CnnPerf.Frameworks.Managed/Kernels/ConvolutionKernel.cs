using CnnPerf.Frameworks.Managed.Memory;
using CnnPerf.Frameworks.Managed.Threading;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>
/// One convolution technique prepared for one layer: weights are transformed and packed at construction, and
/// <see cref="Run"/> convolves one image with bias, residual and activation fused. Owns its packed weights.
/// </summary>
internal abstract unsafe class ConvolutionKernel : IParallelWork, IDisposable
{
    private NativeBuffer? _bias;

    /// <summary>Prepares the kernel; <paramref name="bias"/> has one value per output channel.</summary>
    protected ConvolutionKernel(ConvolutionGeometry geometry, float[] bias, Activation activation)
    {
        Geometry = geometry;
        _bias = NativeBuffer.From(bias);
        Epilogue = new Epilogue(_bias.Pointer, activation.Low, activation.High);
    }

    /// <summary>The technique's name as the <c>conv</c> setting spells it.</summary>
    public abstract ConvolutionTechnique Technique { get; }

    /// <summary>The layer's shape.</summary>
    public ConvolutionGeometry Geometry { get; }

    /// <summary>Bias and activation applied to each output.</summary>
    protected Epilogue Epilogue { get; }

    /// <summary>Floats of scratch each worker needs.</summary>
    public virtual long ScratchFloats => 0;

    /// <summary>Floats of scratch shared by all workers (see <see cref="WorkerScratch.Shared"/>).</summary>
    public virtual long SharedScratchFloats => 0;

    /// <summary>Floats of packed weights held.</summary>
    public abstract long WeightFloats { get; }

    /// <summary>The image being convolved (valid during <see cref="Run"/>).</summary>
    protected float* Input { get; private set; }

    /// <summary>Where the result goes.</summary>
    protected float* Output { get; private set; }

    /// <summary>The fused residual (same layout as the output), or null.</summary>
    protected float* Residual { get; private set; }

    /// <summary>Per-worker scratch.</summary>
    protected WorkerScratch? Scratch { get; private set; }

    /// <summary>Convolves one image.</summary>
    public void Run(float* input, float* output, float* residual, WorkerPool pool, WorkerScratch scratch)
    {
        Input = input;
        Output = output;
        Residual = residual;
        Scratch = scratch;
        Prepare(pool);
        pool.Run(this, ItemCount(pool.Threads));
    }

    /// <summary>A parallel step that runs before the items, on the same input (for example a padded copy of it).</summary>
    protected virtual void Prepare(WorkerPool pool)
    {
    }

    /// <summary>Number of parallel items for the given thread count.</summary>
    protected abstract int ItemCount(int threads);

    /// <inheritdoc />
    public abstract void Execute(int item, int worker);

    /// <summary>Frees packed weights.</summary>
    public virtual void Dispose()
    {
        _bias?.Dispose();
        _bias = null;
    }
}
