namespace CnnPerf.Frameworks.TorchSharp.Operators;

/// <summary>A node uses an operator, attribute value or input form the interpreter does not implement.</summary>
internal sealed class UnsupportedNodeException(string problem) : Exception(problem);
