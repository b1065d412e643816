namespace CnnPerf.Frameworks.Managed;

/// <summary>One step of a managed execution plan, as planned.</summary>
/// <param name="NodeName">The ONNX node (the first of a fused chain).</param>
/// <param name="OpType">The operators run by the step, fused ones joined by '+', for example <c>Conv+BatchNormalization+Relu</c>.</param>
/// <param name="Technique">The convolution technique chosen for a convolution step; null for other steps.</param>
public sealed record ManagedLayerInfo(string NodeName, string OpType, ConvolutionTechnique? Technique);
