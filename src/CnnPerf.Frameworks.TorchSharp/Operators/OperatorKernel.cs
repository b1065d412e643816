using TorchTensor = TorchSharp.torch.Tensor;

namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>
/// One ONNX node compiled to torch operations: takes the node's inputs (null for an absent optional input or a
/// compile-time constant that is not a float tensor) and returns its first output.
/// </summary>
internal delegate TorchTensor OperatorKernel(TorchTensor?[] inputs);
