namespace CnnPerf.Backends;

/// <summary>Mean time of one layer (graph node) of a model, as a framework's profiler reports it.</summary>
/// <param name="NodeName">The ONNX node name (or the framework's layer name where it has its own).</param>
/// <param name="OpType">The ONNX operator type, for example <c>Conv</c>.</param>
/// <param name="MeanMilliseconds">Mean time of the layer per inference.</param>
public sealed record LayerTiming(string NodeName, string OpType, double MeanMilliseconds);
