using CnnPerf.Frameworks.TorchSharp.Operators;

namespace CnnPerf.Frameworks.TorchSharp.Graph;

/// <summary>One ONNX node ready to run: where its inputs are, where its output goes, and what to free afterwards.</summary>
/// <param name="Name">The node name (the output name when the node has none).</param>
/// <param name="OpType">The ONNX operator type.</param>
/// <param name="InputSlots">Value slots of the inputs; -1 for an absent input or a compile-time-only constant.</param>
/// <param name="OutputSlot">Value slot of the first output.</param>
/// <param name="Kernel">The torch operations.</param>
/// <param name="ReleasedSlots">Slots whose last reader is this node: their tensors are freed right after it.</param>
internal sealed record CompiledNode(string Name, string OpType, int[] InputSlots, int OutputSlot, OperatorKernel Kernel, int[] ReleasedSlots);
