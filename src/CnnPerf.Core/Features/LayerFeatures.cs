namespace CnnPerf.Features;

/// <summary>
/// Static features of one layer (one ONNX node), the inputs of layer-wise latency and energy models.
/// Byte counts assume the tensors' stored element types (activations: the graph input's element type).
/// </summary>
/// <param name="NodeName">The node's name (or <c>op_index</c> when the node has none).</param>
/// <param name="OpType">The ONNX operator, for example <c>Conv</c>.</param>
/// <param name="Macs">Multiply-accumulate operations of one inference: convolutions and matrix products only, 0 for other operators.</param>
/// <param name="Parameters">Learned parameters the node reads: weights, biases, batch-norm scale and shift (not running statistics, clip bounds or shape constants).</param>
/// <param name="WeightBytes">Bytes of every constant (initializer) input the node reads, running statistics included.</param>
/// <param name="InputActivationBytes">Bytes of the node's non-constant inputs.</param>
/// <param name="OutputActivationBytes">Bytes of the node's outputs.</param>
/// <param name="InputShape">Shape of the first non-constant input.</param>
/// <param name="OutputShape">Shape of the first output.</param>
/// <param name="KernelShape">Spatial window of a convolution or pooling (the whole plane for global pooling); empty otherwise.</param>
/// <param name="Strides">Strides of a convolution or pooling; empty otherwise.</param>
/// <param name="Groups">Convolution groups (the channel count for a depthwise convolution); 1 otherwise.</param>
public sealed record LayerFeatures(
    string NodeName,
    string OpType,
    long Macs,
    long Parameters,
    long WeightBytes,
    long InputActivationBytes,
    long OutputActivationBytes,
    IReadOnlyList<long> InputShape,
    IReadOnlyList<long> OutputShape,
    IReadOnlyList<long> KernelShape,
    IReadOnlyList<long> Strides,
    long Groups);
