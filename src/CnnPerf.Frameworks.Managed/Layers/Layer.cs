namespace CnnPerf.Frameworks.Managed.Layers;

/// <summary>One step of an execution plan: a graph node (or a chain of fused nodes) bound to its kernel.</summary>
internal abstract class Layer : IDisposable
{
    /// <summary>Creates the step for the node <paramref name="nodeName"/> of operator <paramref name="opType"/>.</summary>
    protected Layer(string nodeName, string opType, int[] inputs, int output)
    {
        NodeName = nodeName;
        OpType = opType;
        Inputs = inputs;
        Output = output;
    }

    /// <summary>The ONNX node name (the first of a fused chain).</summary>
    public string NodeName { get; }

    /// <summary>The operator, with fused operators appended (for example <c>Conv+BatchNormalization+Relu</c>).</summary>
    public string OpType { get; }

    /// <summary>Value ids read.</summary>
    public int[] Inputs { get; }

    /// <summary>Value id written.</summary>
    public int Output { get; }

    /// <summary>Floats of weights held.</summary>
    public virtual long WeightFloats => 0;

    /// <summary>Floats of scratch each worker needs.</summary>
    public virtual long ScratchFloats => 0;

    /// <summary>Floats of scratch shared by all workers.</summary>
    public virtual long SharedScratchFloats => 0;

    /// <summary>Runs the step.</summary>
    public abstract void Execute(ExecutionContext context);

    /// <summary>Frees native memory held by the step.</summary>
    public virtual void Dispose()
    {
    }
}
